#include "sweep/sweep_file.h"

#include <cmath>
#include <filesystem>
#include <limits>

#include "core/errors.h"
#include "hubsim/version.h"
#include "io/atomic_output.h"
#include "io/hdf5_file.h"
#include "io/run_writer.h"
#include "stats/statistics.h"
#include "sweep/shard.h"
#include "sweep/sweep_schema.h"

namespace hubsim::sweep {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr const char* kKind = "hubsim sweep";

std::vector<std::string> labels(const auto& names) {
  return std::vector<std::string>(names.begin(), names.end());
}

std::string shard_text(const SweepFileMeta& m) {
  return std::to_string(m.shard_index) + "/" + std::to_string(m.shard_count);
}

void write_root(io::Group& root, const SweepData& d) {
  const SweepFileMeta& m = d.meta;
  root.set_attr("", "kind", std::string(kKind));
  root.set_attr("", "hubsim_version", std::string(kVersion));
  root.set_attr("", "created_utc", io::utc_timestamp());
  root.set_attr("", "sweep_name", m.name);
  root.set_attr("", "sweep_description", m.description);
  root.set_attr("", "sweep_file", m.sweep_file);
  root.set_attr("", "sweep_toml", m.sweep_toml);
  root.set_attr("", "scenario_name", m.scenario_name);
  root.set_attr("", "scenario_file", m.scenario_file);
  root.set_attr("", "scenario_resolved_toml", m.scenario_resolved_toml);
  root.set_attr("", "sampler", m.sampler);
  root.set_attr("", "design_layout",
                std::string(d.layout == DesignLayout::kSaltelli ? "saltelli" : "plain"));
  root.set_attr("", "samples", m.samples);
  root.set_attr("", "replications", m.replications);
  root.set_attr("", "seed", int64_t(m.seed));
  root.set_attr("", "scale", m.scale);
  root.set_attr("", "random_numbers", m.random_numbers);
  root.set_attr("", "fingerprint", m.fingerprint);
  root.set_attr("", "experiments_total", m.experiments_total);
  root.set_attr("", "outcomes", d.outcomes);
  root.set_attr("", "parameters", d.parameters);
  root.set_attr("", "shard", shard_text(m));
  root.set_attr("", "sensitivity_bootstrap", int64_t(m.sensitivity.bootstrap));
  root.set_attr("", "sensitivity_confidence", m.sensitivity.confidence);
  root.set_attr("", "sensitivity_max_ci_width", m.sensitivity.max_ci_width);
  root.set_attr("", "sensitivity_min_base_samples", int64_t(m.sensitivity.min_base_samples));
  root.set_attr("", "command_line", m.command_line);
  root.set_attr("", "cli_overrides",
                m.overrides.empty() ? std::vector<std::string>{"(none)"} : m.overrides);
  root.set_attr("", "threads", m.threads);
  root.set_attr("", "ranks", m.ranks);
  root.set_attr("", "wall_seconds", m.wall_seconds);
}

void write_experiment_scale(io::Group& g, const SweepData& d) {
  g.write<int64_t>("experiment", d.experiments, {hsize_t(d.experiments.size())});
  g.make_scale("experiment", "experiment");
}

void write_design(io::Group& g, const SweepData& d) {
  const size_t k = d.parameters.size(), n = d.experiments.size();
  g.set_attr("", "description",
             std::string("The inputs of every experiment: value[experiment, parameter] is the "
                         "value of the registry parameter; unit is its position in the swept "
                         "range (0..1). Saltelli designs come in blocks of k + 2 rows A, AB_1.."
                         "AB_k, B; role, block and column say which."));
  write_experiment_scale(g, d);
  g.write_strings("parameter", d.parameters);
  g.make_scale("parameter", "parameter");
  for (const char* name : {"value", "unit"}) {
    g.write<double>(name, name == std::string("value") ? d.values : d.unit,
                    {hsize_t(n), hsize_t(k)});
    g.attach_scale(name, 0, "experiment");
    g.attach_scale(name, 1, "parameter");
  }
  std::vector<uint8_t> role(n);
  std::vector<int64_t> block(n);
  std::vector<int32_t> column(n);
  Design shape;
  shape.parameters = d.parameters;
  shape.layout = d.layout;
  for (size_t r = 0; r < n; ++r) {
    const size_t e = size_t(d.experiments[r]);
    role[r] = uint8_t(shape.role(e));
    block[r] = shape.block(e);
    column[r] = shape.column(e);
  }
  g.write_enum("role", role, labels(kRoleNames), {hsize_t(n)});
  g.write<int64_t>("block", block, {hsize_t(n)});
  g.write<int32_t>("column", column, {hsize_t(n)});
  g.set_attr("block", "description",
             std::string("Saltelli base sample of the row (-1: plain design)."));
  g.set_attr("column", "description",
             std::string("AB rows: index of the parameter taken from B; else -1."));
  for (const char* name : {"role", "block", "column"}) g.attach_scale(name, 0, "experiment");
}

void write_outcomes(io::Group& g, const SweepData& d) {
  const size_t n = d.experiments.size(), reps = size_t(d.meta.replications), o = d.outcomes.size();
  g.set_attr("", "description",
             std::string("One dataset per outcome statistic: value[experiment, replication] "
                         "(NaN where the statistic was not produced or the experiment failed)."));
  write_experiment_scale(g, d);
  io::write_replication_scale(g, reps);
  for (size_t k = 0; k < o; ++k) {
    std::vector<double> v(n * reps);
    for (size_t row = 0; row < n; ++row)
      for (size_t r = 0; r < reps; ++r) v[row * reps + r] = d.results[row].outcomes[r * o + k];
    const std::string& key = d.outcomes[k];
    g.write<double>(key, v, {hsize_t(n), hsize_t(reps)});
    g.attach_scale(key, 0, "experiment");
    g.attach_scale(key, 1, "replication");
    if (const StatisticDefinition* def = find_statistic_definition(key)) {
      g.set_attr(key, "definition", def->definition);
      g.set_attr(key, "units", def->unit);
    }
  }
}

void write_runs(io::Group& g, const SweepData& d) {
  const size_t n = d.experiments.size();
  g.set_attr("", "description",
             std::string("How each experiment ran: status (ok / failed), error message of a "
                         "failure, wall time in seconds (single-threaded)."));
  write_experiment_scale(g, d);
  std::vector<uint8_t> status(n);
  std::vector<double> wall(n);
  std::vector<std::string> error(n);
  for (size_t r = 0; r < n; ++r) {
    status[r] = uint8_t(d.results[r].status);
    wall[r] = d.results[r].wall_seconds;
    error[r] = d.results[r].error;
  }
  g.write_enum("status", status, labels(kStatusNames), {hsize_t(n)});
  g.write<double>("wall_seconds", wall, {hsize_t(n)});
  g.set_attr("wall_seconds", "units", std::string("s"));
  g.write_strings("error", error);
  for (const char* name : {"status", "wall_seconds", "error"})
    g.attach_scale(name, 0, "experiment");
}

void write_sensitivity(io::Group& g, const SweepData& d, const std::vector<OutcomeSensitivity>& s) {
  const size_t o = d.outcomes.size(), k = d.parameters.size();
  const SensitivityOptions& opt = d.meta.sensitivity;
  g.set_attr("", "description",
             std::string("Sobol indices (first order S1: Saltelli 2010; total ST: Jansen 1999) "
                         "with percentile bootstrap intervals over the base samples, and Morris "
                         "screening on the radial design (elementary effects per unit of range "
                         "position), of each outcome's mean over replications."));
  g.set_attr("", "bootstrap", int64_t(opt.bootstrap));
  g.set_attr("", "confidence", opt.confidence);
  g.set_attr("", "max_ci_width", opt.max_ci_width);
  g.set_attr("", "min_base_samples", int64_t(opt.min_base_samples));
  g.write_strings("outcome", d.outcomes);
  g.make_scale("outcome", "outcome");
  g.write_strings("parameter", d.parameters);
  g.make_scale("parameter", "parameter");
  auto matrix = [&](const char* name, auto member, const char* description) {
    std::vector<double> v(o * k);
    for (size_t i = 0; i < o; ++i)
      for (size_t j = 0; j < k; ++j) v[i * k + j] = member(s[i])[j];
    g.write<double>(name, v, {hsize_t(o), hsize_t(k)});
    g.attach_scale(name, 0, "outcome");
    g.attach_scale(name, 1, "parameter");
    g.set_attr(name, "description", std::string(description));
  };
  using OS = OutcomeSensitivity;
  matrix(
      "S1", [](const OS& x) { return x.sobol.s1; }, "first-order Sobol index");
  matrix(
      "S1_low", [](const OS& x) { return x.sobol.s1_low; }, "lower end of the S1 interval");
  matrix(
      "S1_high", [](const OS& x) { return x.sobol.s1_high; }, "upper end of the S1 interval");
  matrix(
      "ST", [](const OS& x) { return x.sobol.st; }, "total Sobol index");
  matrix(
      "ST_low", [](const OS& x) { return x.sobol.st_low; }, "lower end of the ST interval");
  matrix(
      "ST_high", [](const OS& x) { return x.sobol.st_high; }, "upper end of the ST interval");
  matrix(
      "morris_mu", [](const OS& x) { return x.morris.mu; }, "mean elementary effect");
  matrix(
      "morris_mu_star", [](const OS& x) { return x.morris.mu_star; },
      "mean absolute elementary effect (importance)");
  matrix(
      "morris_sigma", [](const OS& x) { return x.morris.sigma; },
      "standard deviation of the elementary effects (interactions, non-linearity)");
  std::vector<double> variance(o);
  std::vector<int64_t> used(o);
  std::vector<uint8_t> stable(o);
  std::vector<std::string> warning(o);
  for (size_t i = 0; i < o; ++i) {
    variance[i] = s[i].sobol.variance;
    used[i] = int64_t(s[i].sobol.base_samples);
    stable[i] = s[i].stable ? 1 : 0;
    warning[i] = s[i].warning;
  }
  g.write<double>("variance", variance, {hsize_t(o)});
  g.write<int64_t>("base_samples", used, {hsize_t(o)});
  g.set_attr("base_samples", "description", std::string("Saltelli blocks without a NaN, used."));
  g.write<uint8_t>("stable", stable, {hsize_t(o)});
  g.set_attr("stable", "description",
             std::string("1 when enough base samples were used and every interval is narrower "
                         "than max_ci_width"));
  g.write_strings("warning", warning);
  for (const char* name : {"variance", "base_samples", "stable", "warning"})
    g.attach_scale(name, 0, "outcome");
}

}  // namespace

SweepFileMeta sweep_meta(const SweepPlan& plan) {
  const SweepSpec& s = plan.spec;
  SweepFileMeta m;
  m.name = s.name;
  m.description = s.description;
  m.sweep_file = s.file;
  m.sweep_toml = s.file_text;
  m.scenario_name = s.base.info.name;
  m.scenario_file = s.scenario_file;
  m.scenario_resolved_toml = s.base.resolved_text;
  m.sampler = sampler_name(s.sampler);
  m.random_numbers = random_numbers_name(s.random_numbers);
  m.fingerprint = plan.fingerprint;
  m.samples = s.samples;
  m.replications = s.replications;
  m.seed = s.seed;
  m.scale = s.scale;
  m.experiments_total = int64_t(plan.experiments());
  m.sensitivity = s.sensitivity;
  return m;
}

SweepData sweep_data(const SweepPlan& plan, SweepFileMeta meta, std::vector<int64_t> experiments,
                     std::vector<ExperimentResult> results) {
  SweepData d;
  d.meta = std::move(meta);
  d.parameters = plan.design.parameters;
  d.outcomes = plan.spec.outcomes;
  d.layout = plan.design.layout;
  const size_t k = plan.design.k();
  for (int64_t e : experiments) {
    const auto* v = &plan.design.values[size_t(e) * k];
    const auto* u = &plan.design.unit[size_t(e) * k];
    d.values.insert(d.values.end(), v, v + k);
    d.unit.insert(d.unit.end(), u, u + k);
  }
  d.experiments = std::move(experiments);
  d.results = std::move(results);
  return d;
}

std::vector<double> outcome_means(const SweepData& d, size_t outcome) {
  const size_t reps = size_t(d.meta.replications), o = d.outcomes.size();
  std::vector<double> out(d.results.size());
  for (size_t row = 0; row < d.results.size(); ++row) {
    double sum = 0;
    for (size_t r = 0; r < reps; ++r) sum += d.results[row].outcomes[r * o + outcome];
    out[row] = reps > 0 ? sum / double(reps) : kNaN;  // NaN propagates
  }
  return out;
}

std::vector<OutcomeSensitivity> analyse(const SweepData& d) {
  std::vector<OutcomeSensitivity> out;
  if (d.layout != DesignLayout::kSaltelli || !d.complete() || d.experiments.empty()) return out;
  for (size_t o = 0; o < d.outcomes.size(); ++o)
    out.push_back(analyse_outcome(outcome_means(d, o), d.unit, d.parameters.size(),
                                  d.meta.sensitivity, d.meta.seed));
  return out;
}

void write_sweep_file(const std::string& path, const SweepData& d,
                      const std::vector<OutcomeSensitivity>& sensitivity) {
  io::AtomicOutput out(path);
  {
    io::File file = io::File::create(out.temp_path());
    write_root(file, d);
    io::Group design = file.create_group("design");
    write_design(design, d);
    io::Group outcomes = file.create_group("outcomes");
    write_outcomes(outcomes, d);
    io::Group runs = file.create_group("runs");
    write_runs(runs, d);
    if (!sensitivity.empty()) {
      io::Group sens = file.create_group("sensitivity");
      write_sensitivity(sens, d, sensitivity);
    }
    file.close();
  }
  out.commit();
}

SweepData read_sweep_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(path, "", "", "the sweep file does not exist");
  std::optional<io::File> opened;
  try {
    opened.emplace(io::File::open_read(path));
  } catch (const OutputError& e) {
    throw InputError(path, "", "", std::string("not an HDF5 file: ") + e.what());
  }
  io::File& f = *opened;
  bool is_sweep = false;
  try {
    is_sweep = f.has_attr("", "kind") && f.read_attr_string("", "kind") == kKind;
  } catch (const OutputError&) {  // an unreadable or non-string kind: not a sweep file
  }
  if (!is_sweep)
    throw InputError(path, "kind", "", "a hubsim sweep file (written by hubsim sweep)");
  SweepData d;
  try {
    SweepFileMeta& m = d.meta;
    m.name = f.read_attr_string("", "sweep_name");
    m.description = f.read_attr_string("", "sweep_description");
    m.sweep_file = f.read_attr_string("", "sweep_file");
    m.sweep_toml = f.read_attr_string("", "sweep_toml");
    m.scenario_name = f.read_attr_string("", "scenario_name");
    m.scenario_file = f.read_attr_string("", "scenario_file");
    m.scenario_resolved_toml = f.read_attr_string("", "scenario_resolved_toml");
    m.sampler = f.read_attr_string("", "sampler");
    m.random_numbers = f.read_attr_string("", "random_numbers");
    m.fingerprint = f.read_attr_string("", "fingerprint");
    m.samples = f.read_attr_int64("", "samples");
    m.replications = f.read_attr_int64("", "replications");
    m.seed = uint64_t(f.read_attr_int64("", "seed"));
    m.scale = f.read_attr_double("", "scale");
    m.experiments_total = f.read_attr_int64("", "experiments_total");
    m.sensitivity.bootstrap = int(f.read_attr_int64("", "sensitivity_bootstrap"));
    m.sensitivity.confidence = f.read_attr_double("", "sensitivity_confidence");
    m.sensitivity.max_ci_width = f.read_attr_double("", "sensitivity_max_ci_width");
    m.sensitivity.min_base_samples = int(f.read_attr_int64("", "sensitivity_min_base_samples"));
    const std::string shard_attr = f.read_attr_string("", "shard");
    try {
      const Shard shard = parse_shard(shard_attr, "shard");
      m.shard_index = shard.index;
      m.shard_count = shard.count;
    } catch (const InputError&) {
      throw InputError(path, "shard", shard_attr, "i/n with 0 <= i < n (the shard the file holds)");
    }
    // Attributes that size allocations or index the design: a damaged file must not pass.
    if (m.replications < 1 || m.replications > kMaxReplications)
      throw InputError(path, "replications", std::to_string(m.replications),
                       "1 to " + std::to_string(kMaxReplications));
    if (m.experiments_total < 1 || m.experiments_total > kMaxExperiments)
      throw InputError(path, "experiments_total", std::to_string(m.experiments_total),
                       "1 to " + std::to_string(kMaxExperiments));
    m.command_line = f.read_attr_string("", "command_line");
    m.threads = f.read_attr_int64("", "threads");
    m.ranks = f.read_attr_int64("", "ranks");
    m.wall_seconds = f.read_attr_double("", "wall_seconds");
    d.layout = f.read_attr_string("", "design_layout") == "saltelli" ? DesignLayout::kSaltelli
                                                                     : DesignLayout::kPlain;
    const io::Group design = f.open_group("design");
    d.experiments = design.read<int64_t>("experiment");
    d.parameters = design.read_strings("parameter");
    d.values = design.read<double>("value");
    d.unit = design.read<double>("unit");
    const io::Group outcomes = f.open_group("outcomes");
    const io::Group runs = f.open_group("runs");
    const auto status = runs.read<uint8_t>("status");
    const auto wall = runs.read<double>("wall_seconds");
    const auto error = runs.read_strings("error");
    const size_t n = d.experiments.size(), reps = size_t(m.replications);
    d.outcomes = f.read_attr_strings("", "outcomes");
    d.results.resize(n);
    for (size_t r = 0; r < n; ++r) {
      if (d.experiments[r] < 0 || d.experiments[r] >= m.experiments_total)
        throw InputError(path, "design/experiment", std::to_string(d.experiments[r]),
                         "experiment indices in [0, experiments_total = " +
                             std::to_string(m.experiments_total) + ")");
      if (status.at(r) >= kStatusNames.size())
        throw InputError(path, "runs/status", std::to_string(status.at(r)), "0 (ok) or 1 (failed)");
      d.results[r].experiment = d.experiments[r];
      d.results[r].status = ExperimentStatus(status.at(r));
      d.results[r].wall_seconds = wall.at(r);
      d.results[r].error = error.at(r);
      d.results[r].outcomes.assign(reps * d.outcomes.size(), kNaN);
    }
    for (size_t k = 0; k < d.outcomes.size(); ++k) {
      const auto v = outcomes.read<double>(d.outcomes[k]);
      for (size_t r = 0; r < n; ++r)
        for (size_t rep = 0; rep < reps; ++rep)
          d.results[r].outcomes[rep * d.outcomes.size() + k] = v.at(r * reps + rep);
    }
    if (d.values.size() != n * d.parameters.size() || d.unit.size() != d.values.size())
      throw InputError(path, "design", "", "a design of experiment x parameter values");
  } catch (const OutputError& e) {
    throw InputError(path, "", "", std::string("not a complete hubsim sweep file: ") + e.what());
  } catch (const std::out_of_range& e) {
    throw InputError(path, "", "", "not a complete hubsim sweep file (inconsistent lengths)");
  }
  return d;
}

std::string sweep_file_identity(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return "";
  try {
    const io::File f = io::File::open_read(path);
    if (!f.has_attr("", "kind") || f.read_attr_string("", "kind") != kKind) return "";
    return f.read_attr_string("", "fingerprint") + " " + f.read_attr_string("", "shard");
  } catch (const OutputError&) {
    return "";
  }
}

}  // namespace hubsim::sweep
