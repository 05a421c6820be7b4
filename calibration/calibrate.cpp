#include "calibrate.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <sstream>

#include "checkpoint.h"
#include "core/errors.h"
#include "evaluator.h"
#include "parameter_space.h"
#include "scenario/parameter_registry.h"

namespace hubsim::calibration {

namespace {

constexpr uint64_t kCalibrationStreamId = 0xCA1B0000ULL;  // StreamKey of the calibration's draws
constexpr int kScreeningBatch = 2;                        // trajectories per checkpoint
constexpr double kImprovement = 1e-3;                     // relative, for the search's stall count
constexpr double kConvergedSpread = 0.01;                 // unit coordinates: 1% of a range
constexpr double kToleranceConverged = 0.99;              // eps_t / eps_(t-1) above this: stop
constexpr double kJacobianStep = 0.05;           // finite-difference step, unit coordinates
constexpr uint32_t kResampleDraw = 0xFFFFFFFFu;  // counter of a generation's resampling uniform
constexpr double kStayProbability = 0.2;  // MCMC: chance a particle may keep its resampled place

__attribute__((format(printf, 1, 2))) std::string format(const char* fmt, ...) {
  char buf[512];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, args);
  va_end(args);
  return buf;
}

// Generation 0: the share of candidates kept; later: the share of moves accepted.
double acceptance_rate(const PosteriorGeneration& g) {
  return double(g.accepted) / double(std::max(1L, g.candidates));
}

const char* kStageNames[] = {"pilot",     "screening", "search", "reweight",
                             "posterior", "report",    "done"};

class Calibration {
 public:
  Calibration(const Scenario& scenario, const TargetSet& targets, const FreeParameterSet& free,
              const CalibrationOptions& options, const CalibrationCallbacks& callbacks)
      : sc_(scenario),
        targets_(targets),
        free_(free),
        opt_(options),
        cb_(callbacks),
        moments_(make_moment_set(targets, options.deviation_cap)),
        screening_moments_(make_moment_set(targets, 0)),
        keys_(moments_.all_keys()),
        evaluator_(scenario, free, keys_, targets.file, model_limit(options, targets)),
        key_(StreamKey::derive(scenario.info.seed, kCalibrationStreamId)),
        start_unit_(start_point_unit(free, scenario.params)) {}

  CalibrationResult run() {
    const auto started = std::chrono::steady_clock::now();
    CalibrationResult result;
    result.resumed = load_or_start();
    runs_at_start_ = state_.runs_done;
    while (state_.stage != Stage::kReport) {
      switch (state_.stage) {
        case Stage::kPilot: pilot(); break;
        case Stage::kScreening: screening(); break;
        case Stage::kSearch: search(); break;
        case Stage::kReweight: reweight(); break;
        case Stage::kPosterior: posterior(); break;
        default: throw std::logic_error("calibration: unexpected stage");
      }
    }
    report(result);
    result.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
  }

 private:
  // ---- bookkeeping ------------------------------------------------------------------------
  std::string fingerprint() const {
    std::ostringstream os;
    os << "scenario:" << sc_.resolved_text << "\nseed:" << sc_.info.seed
       << "\ntargets:" << targets_.text << "\nfree:" << free_.text
       << "\noptions:" << opt_.describe();
    // The values the runs start from: the scenario text names a posterior file but does not
    // contain it, and a changed posterior changes the start point and the fixed parameters.
    os << "\nparameters:" << std::hexfloat;
    for (const std::string& name : numeric_parameter_names())
      os << name << '=' << get_parameter(sc_.params, name) << ';';
    return fingerprint_text(os.str());
  }

  bool load_or_start() {
    const std::string fp = fingerprint();
    if (opt_.resume && !opt_.checkpoint.empty() && std::filesystem::exists(opt_.checkpoint)) {
      try {
        state_ = read_checkpoint(opt_.checkpoint);
      } catch (const OutputError& e) {
        throw InputError(opt_.checkpoint, "", "",
                         std::string("unreadable checkpoint: ") + e.what());
      }
      if (state_.fingerprint != fp)
        throw InputError(opt_.checkpoint, "fingerprint", state_.fingerprint,
                         "a checkpoint of the same scenario (text and resolved parameter values, "
                         "e.g. from the posterior file it names), seed, targets, free parameters "
                         "and options (these differ: rerun without --resume to start afresh)");
      log(format("resuming from %s: stage %s, %ld simulation runs done", opt_.checkpoint.c_str(),
                 stage_name(state_.stage), state_.runs_done));
      return true;
    }
    if (opt_.resume)
      log("no checkpoint at " +
          (opt_.checkpoint.empty() ? std::string("(none)") : opt_.checkpoint) +
          ": starting from the beginning");
    state_ = CalibrationState{};
    state_.fingerprint = fp;
    return false;
  }

  void checkpoint() {
    if (!opt_.checkpoint.empty()) write_checkpoint(opt_.checkpoint, state_);
  }

  void log(const std::string& line) {
    if (cb_.on_log) cb_.on_log(line);
  }

  // Runs points (all free parameters' values) with common replications 0..reps-1 and reports
  // progress; counts the runs into the state.
  std::vector<Eigen::MatrixXd> evaluate(const std::vector<Eigen::VectorXd>& values, int reps,
                                        int generation, double shown_distance) {
    std::atomic<long> done{state_.runs_done};
    ProgressInfo info{state_.stage,       generation,     0,
                      state_.budget_runs, runs_at_start_, shown_distance};
    auto on_run = [&] {
      ProgressInfo i = info;
      i.runs_done = ++done;
      if (cb_.on_progress) cb_.on_progress(i);
    };
    auto out = evaluator_.run(values, 0, reps, opt_.scale, on_run);
    state_.runs_done += long(values.size()) * reps;
    return out;
  }

  ParameterSpace space() const { return ParameterSpace(free_, state_.active, start_unit_); }

  int lambda() const {
    return opt_.search_lambda > 0 ? opt_.search_lambda
                                  : CmaEs::default_lambda(std::max(1, int(state_.active.size())));
  }

  long screening_runs() const {
    return long(opt_.screening_trajectories) * long(free_.size() + 1) * opt_.screening_replications;
  }

  // ---- stages -----------------------------------------------------------------------------
  void pilot() {
    const long minimum = minimum_budget_runs(opt_, int(free_.size()));
    if (opt_.budget_runs > 0 && opt_.budget_runs < minimum)
      throw InputError("command line", "--budget-runs", std::to_string(opt_.budget_runs),
                       "at least " + std::to_string(minimum) + " simulation runs for " +
                           std::to_string(free_.size()) + " free parameters with these options");
    const auto t0 = std::chrono::steady_clock::now();
    state_.pilot = evaluate({values_of_unit(free_, start_unit_)}, opt_.pilot_replications, 0, 0)[0];
    const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    state_.seconds_per_run = dt / opt_.pilot_replications;
    state_.weighting_pilot = weighting_matrix(moments_, state_.pilot, opt_.replications);
    if (opt_.budget_runs > 0) {
      state_.budget_runs = opt_.budget_runs;
    } else {
      const double report_factor = report_scale() / opt_.scale;
      const double report_seconds = state_.seconds_per_run * report_factor *
                                    (opt_.report_replications + opt_.predictive_draws);
      const double usable = 0.95 * opt_.budget_minutes * 60.0 - dt - report_seconds;
      state_.budget_runs =
          std::max(0L, long(usable / state_.seconds_per_run)) + opt_.pilot_replications;
      if (state_.budget_runs < minimum)
        throw InputError("command line", "--budget-minutes", format("%g", opt_.budget_minutes),
                         format("at least about %.1f minutes at scale %g (%ld simulation runs of "
                                "%.2f s each)",
                                (minimum * state_.seconds_per_run + report_seconds) / 60.0 / 0.95,
                                opt_.scale, minimum, state_.seconds_per_run));
    }
    const Eigen::MatrixXd first =
        state_.pilot.topRows(std::min<Eigen::Index>(opt_.replications, state_.pilot.rows()));
    const double limit = model_limit(opt_, targets_);
    log(
        format("pilot: %d replications at the scenario's values, %.2f s per run; distance %.4g; "
               "budget %ld simulation runs; %s",
               opt_.pilot_replications, state_.seconds_per_run,
               msm_distance(moments_, state_.weighting_pilot, first), state_.budget_runs,
               limit > 0 ? format("a run stops past %.4g models (full scale)", limit).c_str()
                         : "no model limit"));
    state_.stage = Stage::kScreening;
    checkpoint();
  }

  Eigen::VectorXd noise_sd() const {
    const Eigen::VectorXd sd = finite_column_sds(transformed_fit(moments_, state_.pilot));
    return sd.cwiseQuotient(moments_.half_width);
  }

  void screening() {
    const int d = int(free_.size());
    while (int(state_.screening_outputs.size()) < opt_.screening_trajectories) {
      const int first = int(state_.screening_outputs.size());
      const int last = std::min(opt_.screening_trajectories, first + kScreeningBatch);
      std::vector<Eigen::VectorXd> points;
      for (int t = first; t < last; ++t)
        for (const auto& p : morris_trajectory(key_, d, t).points)
          points.push_back(values_of_unit(free_, p));
      const auto reps = evaluate(points, opt_.screening_replications, first, 0);
      for (int t = first; t < last; ++t) {
        Eigen::MatrixXd out(d + 1, Eigen::Index(moments_.fit_count()));
        for (int j = 0; j <= d; ++j)
          out.row(j) =
              standardised_deviation(screening_moments_, reps[size_t((t - first) * (d + 1) + j)])
                  .transpose();
        state_.screening_outputs.push_back(out);
      }
      log(format("screening: %d of %d trajectories (%ld runs)", last, opt_.screening_trajectories,
                 state_.runs_done));
      checkpoint();
    }
    const ScreeningResult s = screening_result();
    state_.active.clear();
    for (int i = 0; i < d; ++i)
      if (s.active[size_t(i)] || opt_.keep_inert) state_.active.push_back(i);
    std::string inert;
    int moving = 0;
    for (int i = 0; i < d; ++i) {
      if (s.active[size_t(i)])
        ++moving;
      else
        inert += (inert.empty() ? "" : ", ") + free_.params[size_t(i)].name;
    }
    if (opt_.keep_inert) {
      log(format("screening: %d of %d parameters move the targets; ", moving, d) +
          "kept free (--keep-inert): " + (inert.empty() ? "none" : inert));
      start_search();
      return;
    }
    if (state_.active.empty())
      throw InputError(free_.file, "", "",
                       "no free parameter moves any fitted target by more than the inert threshold "
                       "(" +
                           format("%g", opt_.inert_threshold) +
                           " half-ranges); nothing to calibrate");
    log(format("screening: %zu of %d parameters move the targets; fixed as inert: %s",
               state_.active.size(), d, inert.empty() ? "none" : inert.c_str()));
    start_search();
  }

  ScreeningResult screening_result() const {
    const int d = int(free_.size());
    std::vector<MorrisTrajectory> trajectories;
    std::vector<std::vector<Eigen::VectorXd>> outputs;
    for (int t = 0; t < opt_.screening_trajectories; ++t) {
      trajectories.push_back(morris_trajectory(key_, d, t));
      std::vector<Eigen::VectorXd> rows;
      for (int j = 0; j <= d; ++j)
        rows.push_back(state_.screening_outputs[size_t(t)].row(j).transpose());
      outputs.push_back(std::move(rows));
    }
    return analyse_morris(trajectories, outputs, noise_sd(), opt_.screening_replications,
                          opt_.inert_threshold);
  }

  void start_search() {
    const ParameterSpace sp = space();
    Eigen::VectorXd x0(sp.dimension());
    for (int i = 0; i < sp.dimension(); ++i) x0[i] = start_unit_[state_.active[size_t(i)]];
    state_.cma = CmaEs(sp.dimension(), lambda()).initial_state(x0, opt_.initial_sigma);
    state_.search_best = x0;
    const Eigen::MatrixXd first =
        state_.pilot.topRows(std::min<Eigen::Index>(opt_.replications, state_.pilot.rows()));
    state_.search_best_distance = opt_.replications <= state_.pilot.rows()
                                      ? msm_distance(moments_, state_.weighting_pilot, first)
                                      : HUGE_VAL;
    state_.search_stall = 0;
    state_.stage = Stage::kSearch;
    checkpoint();
  }

  int search_generation_cap() const {
    const long fixed = long(opt_.pilot_replications) * 2 + screening_runs() +
                       long(free_.size()) * opt_.replications;
    const long per_generation = long(lambda() + 1) * opt_.replications;
    const long share = long(opt_.search_share * double(state_.budget_runs - fixed));
    return int(std::clamp<long>(share / per_generation, 1, opt_.max_search_generations));
  }

  void search() {
    const ParameterSpace sp = space();
    const CmaEs cma(sp.dimension(), lambda());
    const int cap = search_generation_cap();
    while (true) {
      if (state_.cma.generation >= cap) {
        state_.search_stop = format("generation limit (%d, from the budget share)", cap);
        break;
      }
      if (CmaEs::spread(state_.cma) < kConvergedSpread) {
        state_.search_stop = "converged (spread below 1% of the ranges)";
        break;
      }
      if (state_.search_stall >= opt_.search_patience) {
        state_.search_stop = format("no 0.1%% improvement in %d generations", opt_.search_patience);
        break;
      }
      std::vector<Eigen::VectorXd> candidates = cma.ask(state_.cma, key_);
      std::vector<Eigen::VectorXd> points;
      for (const auto& c : candidates) points.push_back(sp.values(c));
      points.push_back(sp.values(state_.cma.mean));
      const auto reps =
          evaluate(points, opt_.replications, state_.cma.generation, state_.search_best_distance);
      std::vector<double> f;
      for (const auto& r : reps) f.push_back(msm_distance(moments_, state_.weighting_pilot, r));
      const std::vector<double> f_candidates(f.begin(), f.end() - 1);
      const Eigen::VectorXd mean_before = state_.cma.mean;
      const int generation = state_.cma.generation;
      cma.tell(state_.cma, candidates, f_candidates);
      size_t best = 0;
      for (size_t i = 1; i < f.size(); ++i)
        if (f[i] < f[best]) best = i;
      if (f[best] < state_.search_best_distance * (1.0 - kImprovement)) {
        state_.search_stall = 0;
      } else {
        ++state_.search_stall;
      }
      if (f[best] < state_.search_best_distance) {
        state_.search_best_distance = f[best];
        state_.search_best = best < candidates.size() ? candidates[best] : mean_before;
      }
      state_.search_history.push_back({generation,
                                       *std::min_element(f_candidates.begin(), f_candidates.end()),
                                       f.back(), CmaEs::spread(state_.cma), state_.runs_done});
      log(format(
          "search generation %d: best %.4g (overall %.4g), at mean %.4g, spread %.3g, %ld runs",
          generation, state_.search_history.back().best, state_.search_best_distance, f.back(),
          state_.search_history.back().spread, state_.runs_done));
      checkpoint();
    }
    log("search stopped: " + state_.search_stop);
    state_.stage = Stage::kReweight;
    checkpoint();
  }

  void reweight() {
    const ParameterSpace sp = space();
    const int d = sp.dimension();
    // The optimum (pilot_replications) and one step along each parameter (replications each).
    std::vector<Eigen::VectorXd> points{sp.values(state_.search_best)};
    std::vector<double> steps;
    for (int i = 0; i < d; ++i) {
      Eigen::VectorXd u = state_.search_best;
      const double h = u[i] + kJacobianStep <= 1.0 ? kJacobianStep : -kJacobianStep;
      u[i] += h;
      steps.push_back(h);
      points.push_back(sp.values(u));
    }
    state_.optimum_reps =
        evaluate({points[0]}, opt_.pilot_replications, 0, state_.search_best_distance)[0];
    const std::vector<Eigen::VectorXd> stepped(points.begin() + 1, points.end());
    const auto reps = evaluate(stepped, opt_.replications, 0, state_.search_best_distance);
    state_.weighting = weighting_matrix(moments_, state_.optimum_reps, opt_.replications);
    const Eigen::MatrixXd common = state_.optimum_reps.topRows(
        std::min<Eigen::Index>(opt_.replications, state_.optimum_reps.rows()));
    const Eigen::VectorXd z0 = standardised_deviation(moments_, common);
    state_.jacobian.resize(Eigen::Index(moments_.fit_count()), d);
    for (int i = 0; i < d; ++i)
      state_.jacobian.col(i) =
          (standardised_deviation(moments_, reps[size_t(i)]) - z0) / steps[size_t(i)];
    log(
        format("reweight: %d replications at the optimum (second-step weighting matrix) and %d "
               "steps of %g for the local sensitivities",
               opt_.pilot_replications, d, kJacobianStep));
    state_.stage = Stage::kPosterior;
    checkpoint();
  }

  // Generation 0's proposal: the defensive mixture around the search optimum.
  AbcProposal initial_proposal(const ParameterSpace& sp) const {
    const Eigen::MatrixXd cov = initial_proposal_covariance(
        state_.jacobian, state_.weighting, int(moments_.fit_count()), opt_.proposal_sd);
    return AbcProposal::initial([sp](Stream& rng) { return sp.sample_prior(rng); },
                                [sp](const Eigen::VectorXd& u) { return sp.log_prior(u); },
                                state_.search_best, cov, opt_.prior_share);
  }

  // The running generation's tolerance (t > 0), from the last complete population: the
  // particles within it keep `quantile` of its effective sample size. Never below the target
  // tolerance (the posterior is the prior restricted to distances within it).
  double tolerance() const {
    if (state_.abc_generation == 0) return HUGE_VAL;
    return next_tolerance(state_.population, opt_.quantile, opt_.target_tolerance);
  }

  // Metropolis-Hastings sweeps of the running generation (t > 0): from the last generation's
  // move acceptance, enough that a particle stays put with probability at most
  // kStayProbability, within [mcmc_sweeps, max_mcmc_sweeps]. Generation 1 has no measured rate.
  int sweeps() const {
    const auto& h = state_.posterior_history;
    if (h.size() < 2) return opt_.mcmc_sweeps;
    return planned_sweeps(acceptance_rate(h.back()), kStayProbability, opt_.mcmc_sweeps,
                          opt_.max_mcmc_sweeps);
  }

  // Simulation runs a move generation may take: every move of every sweep (a move whose
  // logistic rounds onto a bound is rejected without a run, so this is an upper bound).
  long move_generation_runs() const { return long(sweeps()) * opt_.particles * opt_.replications; }

  // Why the posterior stage should not start another generation ("" = go on).
  std::string posterior_stop_reason() const {
    const auto& h = state_.posterior_history;
    if (h.empty()) return "";
    if (state_.abc_generation >= opt_.max_posterior_generations)
      return format("generation limit (%d)", opt_.max_posterior_generations);
    const PosteriorGeneration& last = h.back();
    if (last.epsilon <= opt_.target_tolerance)
      return format("reached the target tolerance %g", opt_.target_tolerance);
    // Del Moral et al. (2012): once the moves are rarely accepted, the population no longer
    // mixes at smaller tolerances (generation 0's rate is that of its candidates, not moves).
    if (h.size() > 1 && acceptance_rate(last) < opt_.min_acceptance)
      return format("move acceptance rate %.3f below %.3f", acceptance_rate(last),
                    opt_.min_acceptance);
    if (tolerance() > kToleranceConverged * last.epsilon) return "tolerance no longer decreasing";
    if (state_.runs_done + move_generation_runs() > state_.budget_runs) return "budget exhausted";
    return "";
  }

  void posterior() {
    while (true) {
      // A generation that has run candidates is resumed; otherwise decide whether to start one.
      if (state_.pending_candidates == 0) {
        const std::string stop = posterior_stop_reason();
        if (!stop.empty()) {
          state_.posterior_stop = stop;
          break;
        }
      }
      const int g = state_.abc_generation;
      std::optional<AbcPopulation> pop = g == 0 ? initial_generation() : move_generation();
      if (!pop) {
        if (g == 0)
          throw std::runtime_error(
              "calibration: the first posterior generation could not complete");
        break;  // abandoned (posterior_stop says why): the last complete population stands
      }
      PosteriorGeneration h{g,
                            pop->epsilon,
                            state_.pending_candidates,
                            g == 0 ? long(pop->particles.rows()) : state_.pending_accepted,
                            effective_sample_size(pop->weights),
                            weighted_quantile(pop->distances, pop->weights, 0.5),
                            state_.runs_done,
                            distinct_rows(pop->particles)};
      state_.population = std::move(*pop);
      state_.posterior_history.push_back(h);
      state_.abc_generation = g + 1;
      clear_pending();
      if (g == 0)
        log(format(
            "posterior generation 0: tolerance %.4g, %ld of %ld candidates kept, ESS %.1f, "
            "median distance %.4g, %ld runs",
            h.epsilon, h.accepted, h.candidates, h.ess, h.median_distance, state_.runs_done));
      else
        log(
            format("posterior generation %d: tolerance %.4g, moves accepted %ld/%ld, %d distinct "
                   "particles, median distance %.4g, %ld runs",
                   g, h.epsilon, h.accepted, h.candidates, h.distinct, h.median_distance,
                   state_.runs_done));
      checkpoint();
    }
    clear_pending();  // an unfinished generation is dropped
    log("posterior stopped: " + state_.posterior_stop);
    state_.stage = Stage::kReport;
    checkpoint();
  }

  void clear_pending() {
    state_.pending_particles.resize(0, space().dimension());
    state_.pending_distances.resize(0);
    state_.pending_next_candidate = 0;
    state_.pending_candidates = 0;
    state_.pending_accepted = 0;
  }

  // Whether the next batch of `size` candidates would exceed the budget (then the running
  // generation is abandoned, with the reason in posterior_stop).
  bool budget_exhausted(int size, int generation) {
    if (state_.runs_done + long(size) * opt_.replications <= state_.budget_runs) return false;
    state_.posterior_stop = format("budget exhausted during generation %d", generation);
    return true;
  }

  // Generation 0: candidates from the defensive mixture until there are n / quantile of them;
  // its tolerance is their quantile and it keeps the n closest (by candidate order among ties),
  // weighted prior / proposal. Empty if abandoned.
  std::optional<AbcPopulation> initial_generation() {
    const ParameterSpace sp = space();
    const int d = sp.dimension();
    const int n = opt_.particles;
    const AbcProposal q = initial_proposal(sp);
    const long wanted = long(std::ceil(n / opt_.quantile));
    while (state_.pending_particles.rows() < wanted) {
      if (budget_exhausted(opt_.batch, 0)) return std::nullopt;
      std::vector<Eigen::VectorXd> us, points;
      for (int b = 0; b < opt_.batch; ++b) {
        Stream rng(key_, Purpose::kCalibrationPosterior, 0,
                   uint32_t(state_.pending_next_candidate + b));
        us.push_back(q.sample(rng));
        points.push_back(sp.values(us.back()));
      }
      const auto reps = evaluate(points, opt_.replications, 0, 0.0);
      for (int b = 0; b < opt_.batch && state_.pending_particles.rows() < wanted; ++b) {
        ++state_.pending_candidates;
        const double dist = msm_distance(moments_, state_.weighting, reps[size_t(b)]);
        if (std::isnan(dist)) continue;  // cannot be ranked
        const Eigen::Index k = state_.pending_particles.rows();
        state_.pending_particles.conservativeResize(k + 1, d);
        state_.pending_particles.row(k) = us[size_t(b)].transpose();
        state_.pending_distances.conservativeResize(k + 1);
        state_.pending_distances[k] = dist;
      }
      state_.pending_next_candidate += opt_.batch;
      if (state_.pending_particles.rows() < wanted) checkpoint();
    }
    const Eigen::VectorXd& all = state_.pending_distances;
    AbcPopulation pop;
    pop.epsilon =
        std::max(opt_.target_tolerance,
                 weighted_quantile(all, Eigen::VectorXd::Ones(all.size()), opt_.quantile));
    std::vector<Eigen::Index> keep;
    for (Eigen::Index i = 0; i < all.size() && Eigen::Index(keep.size()) < n; ++i)
      if (all[i] <= pop.epsilon) keep.push_back(i);
    pop.particles = state_.pending_particles(keep, Eigen::all);
    pop.distances = all(keep);
    std::vector<double> lp, lq;
    for (Eigen::Index i = 0; i < pop.particles.rows(); ++i) {
      const Eigen::VectorXd u = pop.particles.row(i).transpose();
      lp.push_back(sp.log_prior(u));
      lq.push_back(q.log_density(u));
    }
    pop.weights = importance_weights(lp, lq);
    return pop;
  }

  // Generation t > 0 (Del Moral et al. 2012): the particles within the new tolerance are
  // resampled to n with equal weights, then each makes sweeps() Metropolis-Hastings moves
  // that leave the prior restricted to the tolerance invariant. The moves of one sweep are
  // independent (one per particle), so a batch never spans two sweeps. Empty if abandoned.
  std::optional<AbcPopulation> move_generation() {
    const ParameterSpace sp = space();
    const int g = state_.abc_generation;
    const int n = opt_.particles;
    const double eps = tolerance();
    if (state_.pending_candidates == 0) {
      Eigen::VectorXd w = state_.population.weights;
      for (Eigen::Index i = 0; i < w.size(); ++i)
        if (!(state_.population.distances[i] <= eps)) w[i] = 0;
      Stream rng(key_, Purpose::kCalibrationPosterior, uint32_t(g), kResampleDraw);
      const auto picks = systematic_resample(w, n, rng.uniform());
      state_.pending_particles = state_.population.particles(picks, Eigen::all);
      state_.pending_distances = state_.population.distances(picks);
      state_.pending_next_candidate = 0;
      state_.pending_accepted = 0;
    }
    const Eigen::MatrixXd walk = move_cholesky(state_.population, eps);
    const long total = long(sweeps()) * n;
    while (state_.pending_next_candidate < total) {
      const long first = state_.pending_next_candidate;
      const long last = std::min(first + opt_.batch, (first / n + 1) * n);
      if (budget_exhausted(int(last - first), g)) return std::nullopt;
      std::vector<MoveProposal> moves;
      std::vector<Eigen::VectorXd> points;
      for (long c = first; c < last; ++c) {
        Stream rng(key_, Purpose::kCalibrationPosterior, uint32_t(g), uint32_t(c));
        moves.push_back(propose_move(state_.pending_particles.row(c % n).transpose(), walk, rng));
        if (moves.back().inside) points.push_back(sp.values(moves.back().to));
      }
      const auto reps = points.empty() ? std::vector<Eigen::MatrixXd>{}
                                       : evaluate(points, opt_.replications, g, eps);
      size_t run = 0;
      for (long c = first; c < last; ++c) {
        const MoveProposal& m = moves[size_t(c - first)];
        if (!m.inside) continue;
        const double dist = msm_distance(moments_, state_.weighting, reps[run++]);
        const Eigen::Index i = c % n;
        const double log_prior_from = sp.log_prior(state_.pending_particles.row(i).transpose());
        if (!accept_move(m, log_prior_from, sp.log_prior(m.to), dist, eps)) continue;
        state_.pending_particles.row(i) = m.to.transpose();
        state_.pending_distances[i] = dist;
        ++state_.pending_accepted;
      }
      state_.pending_candidates += last - first;
      state_.pending_next_candidate = last;
      if (last < total) checkpoint();
    }
    AbcPopulation pop;
    pop.particles = state_.pending_particles;
    pop.distances = state_.pending_distances;
    pop.weights = Eigen::VectorXd::Constant(n, 1.0 / n);
    pop.epsilon = eps;
    return pop;
  }

  double report_scale() const { return opt_.report_scale > 0 ? opt_.report_scale : opt_.scale; }

  void report(CalibrationResult& r) {
    const ParameterSpace sp = space();
    const int d = sp.dimension();
    const AbcPopulation& pop = state_.population;
    r.moments = moments_;
    r.keys = keys_;
    r.start_values = values_of_unit(free_, start_unit_);
    r.screening = screening_result();
    r.active = state_.active;
    r.search_best_values = sp.values(state_.search_best);
    r.posterior_weights = pop.weights;
    r.posterior_values.resize(pop.particles.rows(), d);
    for (Eigen::Index i = 0; i < pop.particles.rows(); ++i) {
      const Eigen::VectorXd v = sp.values(pop.particles.row(i).transpose());
      for (int j = 0; j < d; ++j) r.posterior_values(i, j) = v[state_.active[size_t(j)]];
    }
    // Nearest the median in unit coordinates, where the priors are flat.
    r.point_particle = particle_nearest_median(pop.particles, pop.weights);
    r.point_values = sp.values(pop.particles.row(r.point_particle).transpose());
    r.report_scale = report_scale();

    // Posterior predictive draws: particle i with probability w_i, one replication each.
    std::vector<double> cumulative;
    double run = 0;
    for (Eigen::Index i = 0; i < pop.weights.size(); ++i)
      cumulative.push_back(run += pop.weights[i]);
    std::vector<Eigen::VectorXd> points{r.point_values};
    std::vector<int> first{0};
    r.predictive_values.resize(opt_.predictive_draws, d);
    for (int k = 0; k < opt_.predictive_draws; ++k) {
      Stream rng(key_, Purpose::kCalibrationPredictive, 0, uint32_t(k));
      const double pick = rng.uniform() * cumulative.back();
      const auto i = std::min<size_t>(
          size_t(std::upper_bound(cumulative.begin(), cumulative.end(), pick) - cumulative.begin()),
          cumulative.size() - 1);
      const Eigen::VectorXd v = sp.values(pop.particles.row(Eigen::Index(i)).transpose());
      for (int j = 0; j < d; ++j) r.predictive_values(k, j) = v[state_.active[size_t(j)]];
      points.push_back(v);
      first.push_back(opt_.report_replications + k);  // a replication of its own
    }
    log(format("report: %d replications at the point estimate and %d predictive draws at scale %g",
               opt_.report_replications, opt_.predictive_draws, r.report_scale));
    // The point needs report_replications runs, the draws one each: run the point first,
    // then all draws together.
    // The report's runs are outside the budget: its progress counts them on their own.
    std::atomic<long> done{0};
    const long report_runs = opt_.report_replications + opt_.predictive_draws;
    auto on_run = [&] {
      ProgressInfo i{Stage::kReport, 0, ++done, report_runs, 0, 0};
      if (cb_.on_progress) cb_.on_progress(i);
    };
    if (cb_.on_progress) cb_.on_progress(ProgressInfo{Stage::kReport, 0, 0, report_runs, 0, 0});
    r.point_reps =
        evaluator_.run({points[0]}, 0, opt_.report_replications, r.report_scale, on_run)[0];
    const std::vector<Eigen::VectorXd> draws(points.begin() + 1, points.end());
    const std::vector<int> draw_first(first.begin() + 1, first.end());
    const auto pred = evaluator_.run(draws, draw_first, 1, r.report_scale, on_run);
    r.predictive_stats.resize(opt_.predictive_draws, Eigen::Index(keys_.size()));
    for (int k = 0; k < opt_.predictive_draws; ++k)
      r.predictive_stats.row(k) = pred[size_t(k)].row(0);
    r.report_runs = opt_.report_replications + opt_.predictive_draws;
    state_.stage = Stage::kDone;
    r.state = state_;
  }

  const Scenario& sc_;
  const TargetSet& targets_;
  const FreeParameterSet& free_;
  const CalibrationOptions& opt_;
  const CalibrationCallbacks& cb_;
  MomentSet moments_;
  // The screening measures effects on uncapped deviations: with the cap, a statistic beyond it
  // moves no parameter, and the parameters that could bring it back would be fixed as inert.
  MomentSet screening_moments_;
  std::vector<std::string> keys_;
  Evaluator evaluator_;
  StreamKey key_;
  Eigen::VectorXd start_unit_;
  CalibrationState state_;
  long runs_at_start_ = 0;
};

}  // namespace

const char* stage_name(Stage stage) {
  const int i = int(stage);
  return i >= 0 && i <= int(Stage::kDone) ? kStageNames[i] : "?";
}

std::string CalibrationOptions::describe() const {
  std::ostringstream os;
  os.precision(17);
  os << "scale=" << scale << " replications=" << replications << " pilot=" << pilot_replications
     << " trajectories=" << screening_trajectories
     << " screening_replications=" << screening_replications << " inert=" << inert_threshold
     << " sigma0=" << initial_sigma << " lambda=" << search_lambda
     << " search_share=" << search_share << " max_search=" << max_search_generations
     << " patience=" << search_patience << " particles=" << particles << " batch=" << batch
     << " prior_share=" << prior_share << " proposal_sd=" << proposal_sd
     << " keep_inert=" << keep_inert << " quantile=" << quantile
     << " min_acceptance=" << min_acceptance << " mcmc_sweeps=" << mcmc_sweeps
     << " max_mcmc_sweeps=" << max_mcmc_sweeps << " max_posterior=" << max_posterior_generations
     << " target_tolerance=" << target_tolerance << " deviation_cap=" << deviation_cap
     << " report_scale=" << report_scale << " report_replications=" << report_replications
     << " predictive=" << predictive_draws << " budget_runs=" << budget_runs
     << " budget_minutes=" << budget_minutes << " max_models=" << max_models;
  return os.str();
}

double model_limit(const CalibrationOptions& o, const TargetSet& targets) {
  if (o.max_models != 0) return std::max(0.0, o.max_models);
  double largest = 0;
  for (const auto& t : targets.targets)
    if (t.stat.rfind("models_total_", 0) == 0) largest = std::max(largest, t.hi);
  return 10.0 * largest;
}

long minimum_budget_runs(const CalibrationOptions& o, int free_parameters) {
  const int lambda =
      o.search_lambda > 0 ? o.search_lambda : CmaEs::default_lambda(std::max(1, free_parameters));
  return 2L * o.pilot_replications + long(free_parameters) * o.replications +
         long(o.screening_trajectories) * (free_parameters + 1) * o.screening_replications +
         2L * (lambda + 1) * o.replications + 2L * o.particles * o.replications;
}

std::string fingerprint_text(const std::string& text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

CalibrationResult run_calibration(const Scenario& scenario, const TargetSet& targets,
                                  const FreeParameterSet& free, const CalibrationOptions& options,
                                  const CalibrationCallbacks& callbacks) {
  return Calibration(scenario, targets, free, options, callbacks).run();
}

}  // namespace hubsim::calibration
