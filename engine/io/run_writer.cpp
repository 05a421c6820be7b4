#include "io/run_writer.h"

#include <ctime>
#include <map>
#include <set>

#include "core/errors.h"
#include "hubsim/version.h"
#include "io/atomic_output.h"
#include "io/hdf5_file.h"
#include "scenario/parameter_registry.h"
#include "stats/statistics.h"

namespace hubsim::io {

std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void write_root_metadata(Group& root, const Scenario& sc, const RunMetadata& meta) {
  root.set_attr("", "hubsim_version", std::string(kVersion));
  root.set_attr("", "created_utc", utc_timestamp());
  root.set_attr("", "scenario_name", sc.info.name);
  root.set_attr("", "scenario_description", sc.info.description);
  root.set_attr("", "scenario_file", sc.file);
  root.set_attr("", "scenario_toml", sc.file_text);
  root.set_attr("", "scenario_resolved_toml", sc.resolved_text);
  root.set_attr("", "seed", int64_t(sc.info.seed));
  root.set_attr("", "scale", sc.info.scale);
  root.set_attr("", "replications", int64_t(sc.info.replications));
  root.set_attr("", "start", format_date(sc.info.start));
  root.set_attr("", "end", format_date(sc.info.end));
  root.set_attr("", "step_days", int64_t(sc.info.step_days));
  root.set_attr("", "command_line", meta.command_line);
  std::vector<std::string> overrides;
  for (const auto& [k, v] : meta.overrides) overrides.push_back(k + "=" + v);
  root.set_attr("", "cli_overrides",
                overrides.empty() ? std::vector<std::string>{"(none)"} : overrides);
  root.set_attr("", "threads", int64_t(meta.threads));
  root.set_attr("", "wall_seconds", meta.wall_seconds);

  // Every parameter value in force, by its registry name.
  Group params = root.create_group("parameters");
  params.set_attr(
      "", "description",
      std::string("Values of every registered parameter in this run (see scenarios/README.md)."));
  for (const auto& e : parameter_registry())
    params.set_attr("", e.spec.name, get_parameter(sc.params, e.spec.name));
}

void write_string_scale(Group& g, const std::string& name, const std::vector<std::string>& labels) {
  if (g.exists(name)) return;
  g.write_strings(name, labels);
  g.make_scale(name, name);
}

void write_replication_scale(Group& g, size_t n) {
  std::vector<int64_t> replication(n);
  for (size_t i = 0; i < n; ++i) replication[i] = int64_t(i);
  g.write<int64_t>("replication", replication, {hsize_t(n)});
  g.make_scale("replication", "replication");
}

void write_week_scale(Group& g, const Calendar& cal) {
  const auto n_steps = hsize_t(cal.n_steps());
  std::vector<int32_t> week(static_cast<size_t>(n_steps));
  for (int t = 0; t < cal.n_steps(); ++t) week[size_t(t)] = int32_t(cal.step_start_day(t));
  g.write<int32_t>("week", week, {n_steps});
  g.set_attr("week", "units", std::string("days since 1970-01-01"));
  g.set_attr("week", "calendar", std::string("proleptic_gregorian"));
  g.set_attr("week", "long_name", std::string("start of the time step"));
  g.make_scale("week", "week");
}

void write_series_group(Group& g, const Scenario& sc, const std::vector<const SeriesTable*>& reps) {
  const Calendar cal = sc.calendar();
  const auto n_reps = hsize_t(reps.size());
  const auto n_steps = hsize_t(cal.n_steps());
  write_replication_scale(g, reps.size());
  write_week_scale(g, cal);
  g.set_attr("", "description",
             std::string("Time series per replication and step. new_*: flows during the step; n_*: "
                         "stocks at its end; cum_*: running totals. Full-scale units."));

  if (reps.empty()) return;
  for (const Series& s : reps.front()->all()) {
    std::vector<hsize_t> dims = {n_reps, n_steps};
    for (const auto& d : s.dims) {
      write_string_scale(g, d.name, d.labels);
      dims.push_back(hsize_t(d.labels.size()));
    }
    std::vector<double> data;
    data.reserve(size_t(n_reps * n_steps) * s.width);
    for (const SeriesTable* r : reps) {
      const Series& rs = r->get(s.name);
      data.insert(data.end(), rs.values.begin(), rs.values.end());
    }
    g.write<double>(s.name, data, dims);
    g.set_attr(s.name, "units", s.unit);
    g.set_attr(s.name, "description", s.description);
    g.attach_scale(s.name, 0, "replication");
    g.attach_scale(s.name, 1, "week");
    for (size_t d = 0; d < s.dims.size(); ++d)
      g.attach_scale(s.name, unsigned(2 + d), s.dims[d].name);
  }
}

void write_stats_group(Group& g, const std::vector<const std::vector<Statistic>*>& reps) {
  const auto n_reps = hsize_t(reps.size());
  write_replication_scale(g, reps.size());
  g.set_attr("", "description",
             std::string("One value per replication for each statistic; definitions in the "
                         "'definition' attribute and in outputs/STATISTICS.md."));
  // Keys in first-seen order; a key missing in a replication is NaN there.
  std::vector<std::string> keys;
  std::set<std::string> seen;
  std::vector<std::map<std::string, double>> values(reps.size());
  for (size_t i = 0; i < reps.size(); ++i) {
    for (const Statistic& s : *reps[i]) {
      if (seen.insert(s.key).second) keys.push_back(s.key);
      values[i][s.key] = s.value;
    }
  }
  for (const auto& key : keys) {
    std::vector<double> v(reps.size(), std::numeric_limits<double>::quiet_NaN());
    for (size_t i = 0; i < reps.size(); ++i) {
      auto it = values[i].find(key);
      if (it != values[i].end()) v[i] = it->second;
    }
    g.write<double>(key, v, {n_reps});
    g.attach_scale(key, 0, "replication");
    if (const StatisticDefinition* def = find_statistic_definition(key)) {
      g.set_attr(key, "definition", def->definition);
      g.set_attr(key, "units", def->unit);
      if (!def->source.empty()) g.set_attr(key, "published_statistic", def->source);
    }
  }
}

void write_model_table(Group& root, const Scenario& sc, const ModelTableSnapshot& m) {
  Group g = root.create_group("models");
  const auto n = hsize_t(m.size());
  const DatasetOptions packed{1, true, 0};
  g.set_attr("", "description",
             std::string("Final per-model table of replication 0, one dataset per column. parent = "
                         "-1 for none; family and publisher index /families and /publishers."));
  std::vector<int32_t> id(m.size());
  for (size_t i = 0; i < m.size(); ++i) id[i] = int32_t(i);
  g.write<int32_t>("id", id, {n}, packed);
  g.write<int32_t>("parent", m.parent, {n}, packed);
  g.write<int32_t>("family", m.family, {n}, packed);
  g.set_attr("family", "lookup", std::string("/families/name"));
  g.write<int32_t>("publisher", m.publisher, {n}, packed);
  g.set_attr("publisher", "lookup", std::string("/publishers/name"));
  g.write_enum("publisher_type", m.publisher_type, names_of(kPublisherTypeNames), {n});
  g.write_enum("region", m.region, sc.region_names(), {n});
  g.write_enum("kind", m.kind, names_of(kModelKindNames), {n});
  g.write_enum("task", m.task, sc.task_names(), {n});
  g.write<float>("params", m.params, {n}, packed);
  g.set_attr("params", "units", std::string("parameters"));
  g.write<int32_t>("release_day", m.release_day, {n}, packed);
  g.set_attr("release_day", "units", std::string("days since 1970-01-01"));
  g.write<uint64_t>("downloads_total", m.downloads_total, {n}, packed);
  g.set_attr("downloads_total", "description",
             std::string("Downloads from the window's start to its end."));
  g.write<float>("represents", m.represents, {n}, packed);
  g.set_attr("represents", "description",
             std::string("Real models this simulated model stands for: 1 for named publishers' "
                         "models, 1/scale for generated ones."));
  std::vector<int32_t> years(m.years.begin(), m.years.end());
  g.write<int32_t>("year", years, {hsize_t(years.size())});
  g.make_scale("year", "year");
  g.write<uint64_t>("downloads_by_year", m.downloads_by_year, {n, hsize_t(m.years.size())}, packed);
  g.set_attr("downloads_by_year", "description",
             std::string("Downloads of each model in each calendar year."));
  g.attach_scale("downloads_by_year", 1, "year");

  Group f = root.create_group("families");
  f.write_strings("name", m.family_names);
  Group p = root.create_group("publishers");
  p.write_strings("name", m.publisher_names);
  p.write_enum("type", m.publisher_table_type, names_of(kPublisherTypeNames),
               {hsize_t(m.publisher_names.size())});
  p.write_enum("region", m.publisher_table_region, sc.region_names(),
               {hsize_t(m.publisher_names.size())});
}

void write_run_file(const std::string& path, const Scenario& sc,
                    const std::vector<ReplicationResult>& reps, const RunMetadata& meta,
                    const std::function<void(Group& root)>& extra) {
  AtomicOutput out(path);
  {
    File file = File::create(out.temp_path());
    write_root_metadata(file, sc, meta);
    std::vector<const SeriesTable*> series;
    std::vector<const std::vector<Statistic>*> stats;
    for (const auto& r : reps) {
      series.push_back(&r.series);
      stats.push_back(&r.stats);
    }
    Group sg = file.create_group("series");
    write_series_group(sg, sc, series);
    Group st = file.create_group("stats");
    write_stats_group(st, stats);
    if (!reps.empty() && reps.front().models) write_model_table(file, sc, *reps.front().models);
    if (extra) extra(file);
    file.close();
  }
  out.commit();
}

}  // namespace hubsim::io
