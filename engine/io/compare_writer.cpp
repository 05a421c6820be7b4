#include "io/compare_writer.h"

#include "hubsim/version.h"
#include "io/atomic_output.h"
#include "io/ensemble_writer.h"
#include "io/hdf5_file.h"

namespace hubsim::io {

namespace {

void scales(Group& g, const std::vector<std::string>& scenario_names, int members,
            const std::vector<std::string>& outcome_keys) {
  g.write_strings("scenario", scenario_names);
  g.make_scale("scenario", "scenario");
  g.write_strings("outcome", outcome_keys);
  g.make_scale("outcome", "outcome");
  if (members > 0) {
    std::vector<int64_t> member(static_cast<size_t>(members));
    for (int k = 0; k < members; ++k) member[size_t(k)] = k;
    g.write<int64_t>("member", member, {hsize_t(members)});
    g.make_scale("member", "member");
  }
}

void write_table(Group& g, const std::string& name, const std::vector<double>& data,
                 std::vector<hsize_t> dims, const std::vector<std::string>& dim_names,
                 const std::string& description, const std::string& units) {
  g.write<double>(name, data, dims);
  for (size_t d = 0; d < dim_names.size(); ++d) g.attach_scale(name, unsigned(d), dim_names[d]);
  g.set_attr(name, "description", description);
  if (!units.empty()) g.set_attr(name, "units", units);
}

void write_outcomes(Group& g, const std::vector<std::string>& names, int members,
                    const std::vector<OutcomeComparison>& outcomes) {
  std::vector<std::string> keys, labels, directions, units;
  for (const auto& c : outcomes) {
    keys.push_back(c.outcome.statistic);
    labels.push_back(c.outcome.label);
    directions.push_back(direction_name(c.outcome.direction));
    units.push_back(c.unit);
  }
  g.set_attr("", "description",
             std::string("Outcomes of every scenario on common random numbers. difference = value "
                         "minus the first scenario's value in the same member; quantiles over "
                         "members (0.5 median, 0.05-0.95 the 90% band)."));
  scales(g, names, members, keys);
  const std::vector<double> q(kSummaryQuantiles.begin(), kSummaryQuantiles.end());
  g.write<double>("quantile", q, {hsize_t(q.size())});
  g.make_scale("quantile", "quantile");
  g.write_strings("label", labels);
  g.attach_scale("label", 0, "outcome");
  g.write_strings("direction", directions);
  g.attach_scale("direction", 0, "outcome");
  g.write_strings("units", units);
  g.attach_scale("units", 0, "outcome");
  const auto O = hsize_t(outcomes.size()), S = hsize_t(names.size()), M = hsize_t(members),
             Q = hsize_t(q.size());
  std::vector<double> value, diff, vq, dq;
  for (const auto& c : outcomes)
    for (size_t s = 0; s < names.size(); ++s) {
      value.insert(value.end(), c.values[s].begin(), c.values[s].end());
      diff.insert(diff.end(), c.differences[s].begin(), c.differences[s].end());
      vq.insert(vq.end(), c.quantiles[s].begin(), c.quantiles[s].end());
      dq.insert(dq.end(), c.difference_quantiles[s].begin(), c.difference_quantiles[s].end());
    }
  write_table(g, "value", value, {O, S, M}, {"outcome", "scenario", "member"},
              "The outcome's statistic in each member of each scenario.", "");
  write_table(g, "difference", diff, {O, S, M}, {"outcome", "scenario", "member"},
              "Value minus the first scenario's value in the same member (exactly 0 for "
              "identical scenarios).",
              "");
  write_table(g, "quantiles", vq, {O, S, Q}, {"outcome", "scenario", "quantile"},
              "Quantiles of value over members.", "");
  write_table(g, "difference_quantiles", dq, {O, S, Q}, {"outcome", "scenario", "quantile"},
              "Quantiles of difference over members.", "");
}

void write_robustness(Group& g, const std::vector<std::string>& names,
                      const std::vector<OutcomeComparison>& outcomes) {
  std::vector<std::string> keys;
  for (const auto& c : outcomes) keys.push_back(c.outcome.statistic);
  g.set_attr("", "description",
             std::string("Robustness of each scenario (lever) per outcome across the members where "
                         "every scenario has a value: mean and sd of the value; regret = distance "
                         "from the best scenario of the same member in the better direction (mean "
                         "and max); best_share = share of members where it is best (ties split)."));
  scales(g, names, 0, keys);
  const auto O = hsize_t(outcomes.size()), S = hsize_t(names.size());
  auto table = [&](const char* name, std::vector<double> OutcomeComparison::*field,
                   const char* what) {
    std::vector<double> data;
    for (const auto& c : outcomes) data.insert(data.end(), (c.*field).begin(), (c.*field).end());
    write_table(g, name, data, {O, S}, {"outcome", "scenario"}, what, "");
  };
  table("mean", &OutcomeComparison::mean, "Mean of the value over members.");
  table("sd", &OutcomeComparison::sd, "Standard deviation of the value over members.");
  table("mean_regret", &OutcomeComparison::mean_regret, "Mean regret over members (>= 0).");
  table("max_regret", &OutcomeComparison::max_regret, "Largest regret over members.");
  table("best_share", &OutcomeComparison::best_share,
        "Share of members where the scenario is best.");
  std::vector<int64_t> n;
  for (const auto& c : outcomes) n.push_back(c.robust_members);
  g.write<int64_t>("members_used", n, {O});
  g.attach_scale("members_used", 0, "outcome");
}

}  // namespace

void write_compare_file(const std::string& path, const std::vector<const Scenario*>& scenarios,
                        const std::vector<MemberEnsemble>& ensembles,
                        const std::vector<OutcomeComparison>& outcomes,
                        const CompareMetadata& meta) {
  std::vector<std::string> names;
  for (const Scenario* sc : scenarios) names.push_back(sc->info.name);
  AtomicOutput out(path);
  {
    File file = File::create(out.temp_path());
    file.set_attr("", "hubsim_version", std::string(kVersion));
    file.set_attr("", "created_utc", utc_timestamp());
    file.set_attr("", "kind", std::string("comparison"));
    file.set_attr("", "command_line", meta.run.command_line);
    std::vector<std::string> overrides;
    for (const auto& [k, v] : meta.run.overrides) overrides.push_back(k + "=" + v);
    file.set_attr("", "cli_overrides",
                  overrides.empty() ? std::vector<std::string>{"(none)"} : overrides);
    file.set_attr("", "seed", int64_t(meta.seed));
    file.set_attr("", "scale", meta.scale);
    file.set_attr("", "members", int64_t(meta.members));
    file.set_attr("", "replications_per_draw", int64_t(meta.replications_per_draw));
    file.set_attr("", "threads", int64_t(meta.run.threads));
    file.set_attr("", "wall_seconds", meta.run.wall_seconds);
    file.set_attr("", "scenario_names", names);
    file.set_attr("", "reference_scenario", names.front());

    Group outcomes_group = file.create_group("outcomes");
    write_outcomes(outcomes_group, names, meta.members, outcomes);
    Group robustness = file.create_group("robustness");
    write_robustness(robustness, names, outcomes);

    Group all = file.create_group("scenarios");
    all.set_attr("", "description",
                 std::string("One group per scenario, named by its position (0 = the reference), "
                             "laid out like a run file's root: metadata attributes, /parameters, "
                             "/series and /stats per member, /summary and /members."));
    for (size_t s = 0; s < scenarios.size(); ++s) {
      Group g = all.create_group(std::to_string(s));
      write_root_metadata(g, *scenarios[s], meta.run);
      std::vector<const SeriesTable*> series;
      std::vector<const std::vector<Statistic>*> stats;
      for (const auto& r : ensembles[s].results) {
        series.push_back(&r.series);
        stats.push_back(&r.stats);
      }
      Group sg = g.create_group("series");
      write_series_group(sg, *scenarios[s], series);
      Group st = g.create_group("stats");
      write_stats_group(st, stats);
      write_ensemble_groups(g, *scenarios[s], ensembles[s]);
    }
    file.close();
  }
  out.commit();
}

}  // namespace hubsim::io
