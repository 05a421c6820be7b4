#include "io/ensemble_writer.h"

#include "io/run_writer.h"
#include "stats/ensemble_summary.h"

namespace hubsim::io {

namespace {

void quantile_scale(Group& g) {
  const std::vector<double> q(kSummaryQuantiles.begin(), kSummaryQuantiles.end());
  g.write<double>("quantile", q, {hsize_t(q.size())});
  g.set_attr("quantile", "long_name",
             std::string("quantile over ensemble members: 0.5 median, 0.25-0.75 the 50% band, "
                         "0.05-0.95 the 90% band"));
  g.make_scale("quantile", "quantile");
}

void write_series_summary(Group& g, const Scenario& sc,
                          const std::vector<const SeriesTable*>& members) {
  quantile_scale(g);
  const Calendar cal = sc.calendar();
  const auto n_steps = hsize_t(cal.n_steps());
  write_week_scale(g, cal);
  if (members.empty()) return;
  for (const Series& s : members.front()->all()) {
    std::vector<const Series*> by_member;
    for (const SeriesTable* t : members) by_member.push_back(&t->get(s.name));
    const std::vector<std::vector<double>> q = series_quantiles(by_member);
    std::vector<double> data;
    data.reserve(q.size() * q.front().size());
    for (const auto& row : q) data.insert(data.end(), row.begin(), row.end());
    std::vector<hsize_t> dims = {hsize_t(q.size()), n_steps};
    for (const auto& d : s.dims) {
      write_string_scale(g, d.name, d.labels);
      dims.push_back(hsize_t(d.labels.size()));
    }
    g.write<double>(s.name, data, dims);
    g.set_attr(s.name, "units", s.unit);
    g.set_attr(s.name, "description", s.description);
    g.attach_scale(s.name, 0, "quantile");
    g.attach_scale(s.name, 1, "week");
    for (size_t d = 0; d < s.dims.size(); ++d)
      g.attach_scale(s.name, unsigned(2 + d), s.dims[d].name);
  }
}

void write_stats_summary(Group& g, const std::vector<const std::vector<Statistic>*>& members) {
  quantile_scale(g);
  for (const StatisticSummary& s : summarise_statistics(members)) {
    const std::vector<double> q(s.q.begin(), s.q.end());
    g.write<double>(s.key, q, {hsize_t(q.size())});
    g.attach_scale(s.key, 0, "quantile");
    g.set_attr(s.key, "mean", s.mean);
    g.set_attr(s.key, "sd", s.sd);
    g.set_attr(s.key, "n_finite", int64_t(s.n_finite));
    if (const StatisticDefinition* def = find_statistic_definition(s.key)) {
      g.set_attr(s.key, "definition", def->definition);
      g.set_attr(s.key, "units", def->unit);
    }
  }
}

}  // namespace

void write_summary_group(Group& summary, const Scenario& sc,
                         const std::vector<const SeriesTable*>& members,
                         const std::vector<const std::vector<Statistic>*>& member_stats) {
  summary.set_attr("", "description",
                   std::string("Ensemble summary over members: quantiles 0.05, 0.25, 0.5, 0.75, "
                               "0.95 of every series value (series/) and statistic (stats/)."));
  summary.set_attr("", "members", int64_t(members.size()));
  Group series = summary.create_group("series");
  write_series_summary(series, sc, members);
  Group stats = summary.create_group("stats");
  write_stats_summary(stats, member_stats);
}

void write_members_group(Group& g, const MemberEnsemble& e) {
  const auto n = hsize_t(e.members.size());
  std::vector<int64_t> member, draw, sample;
  for (const auto& m : e.members) {
    member.push_back(m.member);
    draw.push_back(m.draw);
    sample.push_back(m.posterior_sample);
  }
  g.set_attr("", "description",
             std::string("Ensemble members: member k runs replication k (its own random streams) "
                         "with parameter draw `draw` (-1: the point estimate); posterior_sample "
                         "is the [[sample]] index drawn from the posterior (-1: none)."));
  g.write<int64_t>("member", member, {n});
  g.make_scale("member", "member");
  g.write<int64_t>("draw", draw, {n});
  g.attach_scale("draw", 0, "member");
  g.write<int64_t>("posterior_sample", sample, {n});
  g.attach_scale("posterior_sample", 0, "member");
  if (e.drawn_names.empty()) return;
  write_string_scale(g, "parameter", e.drawn_names);
  std::vector<double> values;
  for (const auto& m : e.members)
    values.insert(values.end(), m.drawn_values.begin(), m.drawn_values.end());
  g.write<double>("parameter_values", values, {n, hsize_t(e.drawn_names.size())});
  g.set_attr("parameter_values", "description",
             std::string("Value of each drawn parameter (registry name) in each member."));
  g.attach_scale("parameter_values", 0, "member");
  g.attach_scale("parameter_values", 1, "parameter");
}

void write_ensemble_groups(Group& root, const Scenario& sc, const MemberEnsemble& e) {
  std::vector<const SeriesTable*> series;
  std::vector<const std::vector<Statistic>*> stats;
  for (const auto& r : e.results) {
    series.push_back(&r.series);
    stats.push_back(&r.stats);
  }
  Group summary = root.create_group("summary");
  write_summary_group(summary, sc, series, stats);
  Group members = root.create_group("members");
  write_members_group(members, e);
}

}  // namespace hubsim::io
