#include "report.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "abc_smc.h"
#include "h5_eigen.h"
#include "hubsim/version.h"
#include "io/atomic_output.h"
#include "io/hdf5_file.h"
#include "io/run_writer.h"
#include "stats/ensemble_summary.h"

namespace hubsim::calibration {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string fmt(double v) {
  if (!std::isfinite(v)) return "n/a";
  char buf[32];
  const double a = std::fabs(v);
  if (a >= 1e9) {
    std::snprintf(buf, sizeof buf, "%.3gG", v / 1e9);
  } else if (a >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.3gM", v / 1e6);
  } else if (a >= 1e4) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.4g", v);
  }
  return buf;
}

}  // namespace

CalibrationReport make_report(const CalibrationResult& r, const TargetSet& targets) {
  CalibrationReport rep;
  const Eigen::VectorXd start_mean = finite_column_means(r.state.pilot);
  const Eigen::VectorXd start_sd = finite_column_sds(r.state.pilot);
  const Eigen::VectorXd mean = finite_column_means(r.point_reps);
  const Eigen::VectorXd sd = finite_column_sds(r.point_reps);
  for (size_t k = 0; k < r.keys.size(); ++k) {
    const Target& t = *targets.find(r.keys[k]);
    const auto c = Eigen::Index(k);
    TargetRow row;
    row.stat = t.stat;
    row.fit = t.role == TargetRole::kFit;
    row.lo = t.lo;
    row.hi = t.hi;
    row.value = t.value;
    row.start_mean = start_mean[c];
    row.start_sd = start_sd[c];
    row.mean = mean[c];
    row.sd = sd[c];
    row.n = int((r.point_reps.col(c).array() == r.point_reps.col(c).array()).count());
    row.inside = std::isfinite(row.mean) && t.contains(row.mean);
    std::vector<double> pred(r.predictive_stats.col(c).data(),
                             r.predictive_stats.col(c).data() + r.predictive_stats.rows());
    row.predictive_median = quantile(pred, 0.5);
    row.predictive_q05 = quantile(pred, 0.05);
    row.predictive_q95 = quantile(pred, 0.95);
    int in = 0;
    for (double x : pred) in += std::isfinite(x) && t.contains(x);
    row.predictive_inside = pred.empty() ? kNaN : double(in) / double(pred.size());
    if (row.fit) {
      ++rep.fit_total;
      rep.fit_inside += row.inside;
    } else {
      ++rep.check_total;
      rep.check_inside += row.inside;
    }
    rep.rows.push_back(row);
  }
  int all_inside = 0;
  for (Eigen::Index i = 0; i < r.point_reps.rows(); ++i) {
    bool ok = true;
    for (size_t k = 0; k < r.moments.fit_count(); ++k) {
      const double x = r.point_reps(i, Eigen::Index(k));
      ok = ok && std::isfinite(x) && targets.find(r.keys[k])->contains(x);
    }
    all_inside += ok;
  }
  rep.coverage_ratio =
      r.point_reps.rows() > 0 ? double(all_inside) / double(r.point_reps.rows()) : kNaN;
  return rep;
}

std::vector<ParameterSummary> parameter_summaries(const CalibrationResult& r,
                                                  const FreeParameterSet& free) {
  std::vector<ParameterSummary> out;
  for (size_t i = 0; i < free.size(); ++i) {
    ParameterSummary s;
    s.name = free.params[i].name;
    s.start = r.start_values[Eigen::Index(i)];
    s.point = r.point_values[Eigen::Index(i)];
    const auto it = std::find(r.active.begin(), r.active.end(), int(i));
    if (it == r.active.end()) {
      s.median = s.q05 = s.q95 = r.point_values[Eigen::Index(i)];
    } else {
      const Eigen::VectorXd col = r.posterior_values.col(Eigen::Index(it - r.active.begin()));
      s.calibrated = true;
      s.median = weighted_quantile(col, r.posterior_weights, 0.5);
      s.q05 = weighted_quantile(col, r.posterior_weights, 0.05);
      s.q95 = weighted_quantile(col, r.posterior_weights, 0.95);
    }
    out.push_back(s);
  }
  return out;
}

void print_report(std::FILE* out, const CalibrationResult& r, const CalibrationReport& rep,
                  const FreeParameterSet& free, const std::vector<RecoveryRow>* recovery) {
  std::fprintf(
      out,
      "\nCalibration report: %lld replications at the point estimate (the posterior sample "
      "nearest the weighted median), scale %g "
      "(start = the scenario's values, %lld replications at scale of calibration)\n",
      static_cast<long long>(r.point_reps.rows()), r.report_scale,
      static_cast<long long>(r.state.pilot.rows()));
  std::fprintf(out, "%-40s %-5s %-22s %-20s %-22s %s\n", "statistic", "role", "range", "start",
               "calibrated mean ± sd", "inside");
  for (const auto& row : rep.rows) {
    const std::string range = "[" + fmt(row.lo) + ", " + fmt(row.hi) + "]";
    const std::string start = fmt(row.start_mean) + " ± " + fmt(row.start_sd);
    const std::string sim = fmt(row.mean) + " ± " + fmt(row.sd);
    std::fprintf(out, "%-40s %-5s %-22s %-20s %-22s %s\n", row.stat.c_str(),
                 row.fit ? "fit" : "check", range.c_str(), start.c_str(), sim.c_str(),
                 row.inside ? "yes" : "NO");
  }
  std::fprintf(out,
               "fitted statistics inside their ranges: %d of %d; moment coverage ratio %.3f "
               "(share of replications with ALL fitted statistics inside)\n",
               rep.fit_inside, rep.fit_total, rep.coverage_ratio);

  std::fprintf(out,
               "\nPosterior predictive check (%lld draws from the posterior, one replication "
               "each) of the statistics kept aside:\n",
               static_cast<long long>(r.predictive_stats.rows()));
  std::fprintf(out, "%-40s %-22s %-30s %s\n", "statistic", "range", "median [5%, 95%]",
               "share inside");
  for (const auto& row : rep.rows) {
    if (row.fit) continue;
    const std::string range = "[" + fmt(row.lo) + ", " + fmt(row.hi) + "]";
    const std::string band = fmt(row.predictive_median) + " [" + fmt(row.predictive_q05) + ", " +
                             fmt(row.predictive_q95) + "]";
    std::fprintf(out, "%-40s %-22s %-30s %.2f\n", row.stat.c_str(), range.c_str(), band.c_str(),
                 row.predictive_inside);
  }

  std::fprintf(out,
               "\nParameters (point estimate, posterior median and 90%% interval; inert ones "
               "fixed):\n");
  std::fprintf(out, "%-36s %-12s %-22s %-10s %-10s %s\n", "parameter", "prior", "bounds", "start",
               "point", "posterior median [5%, 95%]");
  const auto params = parameter_summaries(r, free);
  for (size_t i = 0; i < params.size(); ++i) {
    const FreeParameter& p = free.params[i];
    const ParameterSummary& s = params[i];
    const std::string bounds = "[" + fmt(p.lo) + ", " + fmt(p.hi) + "]";
    const std::string post = s.calibrated
                                 ? fmt(s.median) + " [" + fmt(s.q05) + ", " + fmt(s.q95) + "]"
                                 : "inert: fixed at " + fmt(s.median);
    std::fprintf(out, "%-36s %-12s %-22s %-10s %-10s %s\n", p.name.c_str(),
                 prior_kind_name(p.prior), bounds.c_str(), fmt(s.start).c_str(),
                 fmt(s.point).c_str(), post.c_str());
  }

  std::fprintf(out,
               "\nScreening (Morris mu*, change in half-ranges of a target over a parameter's "
               "whole range; the three largest):\n");
  for (size_t i = 0; i < free.size(); ++i) {
    const Eigen::RowVectorXd mu = r.screening.mu_star.row(Eigen::Index(i));
    std::vector<Eigen::Index> idx(size_t(mu.size()));
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](auto a, auto b) { return mu[a] > mu[b]; });
    std::string top;
    for (size_t k = 0; k < std::min<size_t>(3, idx.size()); ++k)
      top += (k ? ", " : "") + r.moments.fit_keys[size_t(idx[k])] + " " + fmt(mu[idx[k]]);
    std::fprintf(out, "%-36s %-6s %s\n", free.params[i].name.c_str(),
                 r.screening.active[i] ? "active" : "inert", top.c_str());
  }

  if (recovery) {
    std::fprintf(out, "\nParameter recovery (truth vs posterior):\n");
    std::fprintf(out, "%-36s %-10s %-10s %-24s %s\n", "parameter", "truth", "median",
                 "90% interval", "covers truth");
    int covered = 0, calibrated = 0;
    for (const auto& row : *recovery) {
      const std::string band = "[" + fmt(row.q05) + ", " + fmt(row.q95) + "]";
      std::fprintf(out, "%-36s %-10s %-10s %-24s %s\n", row.name.c_str(), fmt(row.truth).c_str(),
                   fmt(row.median).c_str(), band.c_str(),
                   row.calibrated ? (row.covered ? "yes" : "NO") : "inert (fixed)");
      calibrated += row.calibrated;
      covered += row.calibrated && row.covered;
    }
    std::fprintf(out, "90%% intervals covering the truth: %d of %d calibrated parameters\n",
                 covered, calibrated);
  }
  std::fprintf(out,
               "\nsimulation runs: %ld of a budget of %ld (+%ld for this report); search: %s; "
               "posterior: %s\n",
               r.state.runs_done, r.state.budget_runs, r.report_runs, r.state.search_stop.c_str(),
               r.state.posterior_stop.c_str());
}

namespace {

void column(io::Group& g, const std::string& name, const std::vector<double>& v,
            const std::string& dim, const std::string& description) {
  g.write<double>(name, v, {hsize_t(v.size())});
  g.attach_scale(name, 0, dim);
  g.set_attr(name, "description", description);
}

void matrix(io::Group& g, const std::string& name, const Eigen::MatrixXd& m,
            const std::string& rows, const std::string& cols, const std::string& description) {
  write_matrix(g, name, m);
  if (!rows.empty()) g.attach_scale(name, 0, rows);
  if (!cols.empty()) g.attach_scale(name, 1, cols);
  g.set_attr(name, "description", description);
}

void numeric_scale(io::Group& g, const std::string& name, Eigen::Index n) {
  std::vector<int32_t> v(static_cast<size_t>(n));
  std::iota(v.begin(), v.end(), 0);
  g.write<int32_t>(name, v, {hsize_t(n)});
  g.make_scale(name, name);
}

}  // namespace

void write_report(const std::string& path, const CalibrationResult& r, const CalibrationReport& rep,
                  const FreeParameterSet& free, const ReportMetadata& meta,
                  const std::vector<RecoveryRow>* recovery) {
  io::AtomicOutput out(path);
  {
    io::File f = io::File::create(out.temp_path());
    f.set_attr("", "kind", "hubsim calibration report");
    f.set_attr("", "hubsim_version", std::string(kVersion));
    f.set_attr("", "created_utc", io::utc_timestamp());
    f.set_attr("", "command_line", meta.command_line);
    f.set_attr("", "method", meta.method);
    f.set_attr("", "scenario_file", meta.scenario_file);
    f.set_attr("", "scenario_resolved_toml", meta.scenario_resolved_toml);
    f.set_attr("", "targets_file", meta.targets_file);
    f.set_attr("", "targets_toml", meta.targets_toml);
    f.set_attr("", "free_parameters_file", meta.free_parameters_file);
    f.set_attr("", "free_parameters_toml", meta.free_parameters_toml);
    f.set_attr("", "posterior_file", meta.posterior_file);
    f.set_attr("", "seed", int64_t(meta.seed));
    f.set_attr("", "scale", meta.scale);
    f.set_attr("", "report_scale", r.report_scale);
    f.set_attr("", "threads", int64_t(meta.threads));
    f.set_attr("", "budget_runs", int64_t(r.state.budget_runs));
    f.set_attr("", "runs_done", int64_t(r.state.runs_done));
    f.set_attr("", "report_runs", int64_t(r.report_runs));
    f.set_attr("", "seconds_per_run", r.state.seconds_per_run);
    f.set_attr("", "wall_seconds", r.wall_seconds);
    f.set_attr("", "resumed", int64_t(r.resumed));
    f.set_attr("", "moment_coverage_ratio", rep.coverage_ratio);
    f.set_attr("", "fit_inside", int64_t(rep.fit_inside));
    f.set_attr("", "fit_total", int64_t(rep.fit_total));
    f.set_attr("", "search_stop", r.state.search_stop);
    f.set_attr("", "posterior_stop", r.state.posterior_stop);

    // /targets
    io::Group tg = f.create_group("targets");
    std::vector<std::string> stats;
    std::vector<uint8_t> role;
    std::vector<double> lo, hi, value, start_mean, start_sd, mean, sd, n, pm, p05, p95, pin;
    std::vector<uint8_t> inside;
    for (const auto& row : rep.rows) {
      stats.push_back(row.stat);
      role.push_back(row.fit ? 0 : 1);
      lo.push_back(row.lo);
      hi.push_back(row.hi);
      value.push_back(row.value ? *row.value : kNaN);
      start_mean.push_back(row.start_mean);
      start_sd.push_back(row.start_sd);
      mean.push_back(row.mean);
      sd.push_back(row.sd);
      n.push_back(row.n);
      inside.push_back(row.inside ? 1 : 0);
      pm.push_back(row.predictive_median);
      p05.push_back(row.predictive_q05);
      p95.push_back(row.predictive_q95);
      pin.push_back(row.predictive_inside);
    }
    io::write_string_scale(tg, "target", stats);
    tg.write_enum("role", role, {"fit", "check"}, {hsize_t(role.size())});
    tg.attach_scale("role", 0, "target");
    column(tg, "lo", lo, "target", "lower end of the published range");
    column(tg, "hi", hi, "target", "upper end of the published range");
    column(tg, "value", value, "target", "central published figure (NaN if none)");
    column(tg, "start_mean", start_mean, "target",
           "mean at the scenario's own values (pilot, calibration scale)");
    column(tg, "start_sd", start_sd, "target", "sd over the pilot replications");
    column(tg, "mean", mean, "target",
           "mean over the replications at the point estimate (report scale)");
    column(tg, "sd", sd, "target", "sd over the replications at the point estimate");
    column(tg, "n", n, "target", "replications with a finite value");
    tg.write<uint8_t>("inside", inside, {hsize_t(inside.size())});
    tg.attach_scale("inside", 0, "target");
    tg.set_attr("inside", "description", std::string("1 if mean lies in [lo, hi]"));
    column(tg, "predictive_median", pm, "target", "median over the posterior predictive draws");
    column(tg, "predictive_q05", p05, "target", "5% quantile over the posterior predictive draws");
    column(tg, "predictive_q95", p95, "target", "95% quantile over the posterior predictive draws");
    column(tg, "predictive_inside", pin, "target",
           "share of posterior predictive draws inside [lo, hi]");

    // /point_run
    io::Group mr = f.create_group("point_run");
    numeric_scale(mr, "replication", r.point_reps.rows());
    io::write_string_scale(mr, "target", r.keys);
    matrix(mr, "stats", r.point_reps, "replication", "target",
           "statistics of each replication at the point estimate (report scale)");
    mr.set_attr("", "moment_coverage_ratio", rep.coverage_ratio);

    // /parameters
    io::Group pg = f.create_group("parameters");
    const auto summaries = parameter_summaries(r, free);
    std::vector<std::string> names, priors;
    std::vector<double> plo, phi, start, best, point, med, q05, q95;
    std::vector<uint8_t> calibrated;
    for (size_t i = 0; i < free.size(); ++i) {
      names.push_back(free.params[i].name);
      priors.push_back(prior_kind_name(free.params[i].prior));
      plo.push_back(free.params[i].lo);
      phi.push_back(free.params[i].hi);
      start.push_back(summaries[i].start);
      best.push_back(r.search_best_values[Eigen::Index(i)]);
      point.push_back(summaries[i].point);
      med.push_back(summaries[i].median);
      q05.push_back(summaries[i].q05);
      q95.push_back(summaries[i].q95);
      calibrated.push_back(summaries[i].calibrated ? 1 : 0);
    }
    io::write_string_scale(pg, "parameter", names);
    pg.write_strings("prior", priors);
    pg.attach_scale("prior", 0, "parameter");
    column(pg, "lo", plo, "parameter", "lower bound (free-parameters file)");
    column(pg, "hi", phi, "parameter", "upper bound");
    column(pg, "start", start, "parameter", "the scenario's value (clamped into the bounds)");
    column(pg, "search_best", best, "parameter", "best point of the search stage");
    column(pg, "point", point, "parameter",
           "point estimate: the posterior sample nearest the weighted median (inert: the fixed "
           "value)");
    column(pg, "median", med, "parameter", "weighted posterior median (inert: the fixed value)");
    column(pg, "q05", q05, "parameter", "weighted posterior 5% quantile");
    column(pg, "q95", q95, "parameter", "weighted posterior 95% quantile");
    pg.write<uint8_t>("calibrated", calibrated, {hsize_t(calibrated.size())});
    pg.attach_scale("calibrated", 0, "parameter");
    pg.set_attr("calibrated", "description",
                std::string("1 if calibrated, 0 if screened out as inert"));

    // /screening
    io::Group sg = f.create_group("screening");
    io::write_string_scale(sg, "parameter", names);
    io::write_string_scale(sg, "fit_target", r.moments.fit_keys);
    matrix(sg, "mu_star", r.screening.mu_star, "parameter", "fit_target",
           "mean |elementary effect|: half-ranges of the target per whole parameter range");
    matrix(sg, "mu", r.screening.mu, "parameter", "fit_target", "mean elementary effect");
    matrix(sg, "sigma", r.screening.sigma, "parameter", "fit_target",
           "sd of the elementary effects");
    std::vector<double> thr(r.screening.threshold.data(),
                            r.screening.threshold.data() + r.screening.threshold.size());
    column(sg, "threshold", thr, "fit_target", "mu* above which a parameter moves the target");
    std::vector<uint8_t> act;
    for (bool a : r.screening.active) act.push_back(a ? 1 : 0);
    sg.write<uint8_t>("active", act, {hsize_t(act.size())});
    sg.attach_scale("active", 0, "parameter");

    // /weighting
    io::Group wg = f.create_group("weighting");
    io::write_string_scale(wg, "fit_target", r.moments.fit_keys);
    io::write_string_scale(wg, "fit_target_2", r.moments.fit_keys);
    matrix(wg, "pilot", r.state.weighting_pilot, "fit_target", "fit_target_2",
           "weighting matrix (half-range units) from the pilot replications: used by the search");
    matrix(wg, "optimum", r.state.weighting, "fit_target", "fit_target_2",
           "weighting matrix from replications at the optimum: used by the posterior stage");

    // /search
    io::Group se = f.create_group("search");
    const auto& sh = r.state.search_history;
    numeric_scale(se, "generation", Eigen::Index(sh.size()));
    std::vector<double> best_d, mean_d, spread, runs;
    for (const auto& h : sh) {
      best_d.push_back(h.best);
      mean_d.push_back(h.at_mean);
      spread.push_back(h.spread);
      runs.push_back(double(h.runs_done));
    }
    column(se, "best_distance", best_d, "generation",
           "best MSM distance among the generation's candidates");
    column(se, "mean_distance", mean_d, "generation", "MSM distance at the distribution's mean");
    column(se, "spread", spread, "generation", "sigma times the largest sd (unit coordinates)");
    column(se, "runs_done", runs, "generation", "simulation runs when the generation ended");
    se.set_attr("", "best_distance", r.state.search_best_distance);

    // /posterior
    io::Group po = f.create_group("posterior");
    std::vector<std::string> cal_names;
    for (int i : r.active) cal_names.push_back(free.params[size_t(i)].name);
    numeric_scale(po, "sample", r.posterior_values.rows());
    io::write_string_scale(po, "calibrated_parameter", cal_names);
    matrix(po, "samples", r.posterior_values, "sample", "calibrated_parameter",
           "posterior particles (natural units)");
    std::vector<double> w(r.posterior_weights.data(),
                          r.posterior_weights.data() + r.posterior_weights.size());
    column(po, "weights", w, "sample",
           "normalised weights (generation 0: importance weights; later: equal)");
    const Eigen::VectorXd& dist = r.state.population.distances;
    column(po, "distances", std::vector<double>(dist.data(), dist.data() + dist.size()), "sample",
           "MSM distance of each particle");
    const auto& ph = r.state.posterior_history;
    numeric_scale(po, "abc_generation", Eigen::Index(ph.size()));
    std::vector<double> eps, cand, acc, ess, md, pr, distinct;
    for (const auto& h : ph) {
      eps.push_back(h.epsilon);
      cand.push_back(double(h.candidates));
      acc.push_back(double(h.accepted));
      ess.push_back(h.ess);
      md.push_back(h.median_distance);
      pr.push_back(double(h.runs_done));
      distinct.push_back(double(h.distinct));
    }
    column(po, "epsilon", eps, "abc_generation", "tolerance");
    column(po, "candidates", cand, "abc_generation",
           "generation 0: candidates evaluated; later: Metropolis-Hastings moves proposed");
    column(po, "accepted", acc, "abc_generation",
           "generation 0: candidates kept; later: moves accepted");
    column(po, "ess", ess, "abc_generation", "effective sample size of the weights");
    column(po, "median_distance", md, "abc_generation",
           "weighted median distance of the population");
    column(po, "runs_done", pr, "abc_generation", "simulation runs when the generation ended");
    column(po, "distinct", distinct, "abc_generation", "distinct particles in the population");

    // /predictive
    io::Group pp = f.create_group("predictive");
    numeric_scale(pp, "draw", r.predictive_values.rows());
    io::write_string_scale(pp, "calibrated_parameter", cal_names);
    io::write_string_scale(pp, "target", r.keys);
    matrix(pp, "parameters", r.predictive_values, "draw", "calibrated_parameter",
           "parameters of each draw");
    matrix(pp, "stats", r.predictive_stats, "draw", "target",
           "statistics of each draw (one replication)");

    if (recovery) {
      io::Group rg = f.create_group("recovery");
      std::vector<std::string> rn;
      std::vector<double> truth, rmed, r05, r95;
      std::vector<int8_t> cov;
      for (const auto& row : *recovery) {
        rn.push_back(row.name);
        truth.push_back(row.truth);
        rmed.push_back(row.median);
        r05.push_back(row.q05);
        r95.push_back(row.q95);
        cov.push_back(row.calibrated ? (row.covered ? 1 : 0) : -1);
      }
      io::write_string_scale(rg, "parameter", rn);
      column(rg, "truth", truth, "parameter", "value the synthetic targets were made at");
      column(rg, "median", rmed, "parameter", "posterior median");
      column(rg, "q05", r05, "parameter", "posterior 5% quantile");
      column(rg, "q95", r95, "parameter", "posterior 95% quantile");
      rg.write<int8_t>("covered", cov, {hsize_t(cov.size())});
      rg.attach_scale("covered", 0, "parameter");
      rg.set_attr(
          "covered", "description",
          std::string("1: the 90% interval covers the truth; 0: it does not; -1: inert, fixed"));
    }
    f.close();
  }
  out.commit();
}

}  // namespace hubsim::calibration
