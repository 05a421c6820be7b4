// `hubsim run SCENARIO.toml`: runs the scenario's replications, writes one HDF5 file and prints
// the headline statistics (beside the published values with --targets).
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "calibration/targets.h"
#include "commands.h"
#include "core/errors.h"
#include "hubsim/version.h"
#include "io/atomic_output.h"
#include "io/ensemble_writer.h"
#include "io/run_writer.h"
#include "model_limit.h"
#include "outcome_table.h"
#include "output_path.h"
#include "progress.h"
#include "scenario/scenario_loader.h"
#include "sim/member_ensemble.h"
#include "stats_table.h"

namespace hubsim::cli {

namespace {

std::string g_command_line;

struct RunArgs {
  std::string scenario;
  std::string out;
  std::optional<int64_t> seed;
  std::optional<int> replications;
  std::optional<int> threads;
  std::optional<double> scale;
  std::string targets;
  bool no_model_table = false;
  bool point_estimate = false;
  bool quiet = false;
  std::optional<double> max_models;
};

std::string default_output(const std::string& scenario) {
  const std::string stem = std::filesystem::path(scenario).stem().string();
  return std::filesystem::is_directory("outputs") ? "outputs/" + stem + ".h5" : stem + ".h5";
}

int run(const RunArgs& a) {
  Scenario sc = load_scenario(a.scenario);
  io::RunMetadata meta;
  meta.command_line = command_line();
  if (a.seed) {
    if (*a.seed < 0)
      throw InputError("command line", "--seed", std::to_string(*a.seed), "a seed >= 0");
    sc.info.seed = uint64_t(*a.seed);
    meta.overrides.emplace_back("seed", std::to_string(*a.seed));
  }
  if (a.replications) {
    if (*a.replications < 1 || *a.replications > 100000)
      throw InputError("command line", "--replications", std::to_string(*a.replications),
                       "1 to 100000");
    sc.info.replications = *a.replications;
    meta.overrides.emplace_back("replications", std::to_string(*a.replications));
  }
  if (a.scale) {
    if (!(*a.scale > 0.0 && *a.scale <= 4.0))
      throw InputError("command line", "--scale", std::to_string(*a.scale),
                       "a number in (0, 4] (1 = full scale)");
    sc.info.scale = *a.scale;
    meta.overrides.emplace_back("scale", std::to_string(*a.scale));
  }
  if (a.no_model_table) {
    sc.info.write_model_table = false;
    meta.overrides.emplace_back("write_model_table", "false");
  }
  if (a.point_estimate) meta.overrides.emplace_back("point_estimate", "true");
  const int threads = a.threads.value_or(tbb::info::default_concurrency());
  if (threads < 1 || threads > 1024)
    throw InputError("command line", "--threads", std::to_string(threads), "1 to 1024");
  meta.threads = threads;
  const double max_models = checked_max_models(a.max_models);
  std::optional<calibration::TargetSet> targets;
  if (!a.targets.empty()) targets = calibration::load_targets(a.targets);
  const std::string out = a.out.empty() ? default_output(a.scenario) : a.out;
  check_output_path("--out", out, {a.scenario, a.targets});

  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, size_t(threads));
  const auto started = std::chrono::steady_clock::now();
  Progress progress("hubsim run " + sc.info.name + ":", !a.quiet);
  // Members draw parameters from [uncertainty] when there are several (see member_ensemble.h).
  MemberEnsembleOptions eo;
  eo.members = sc.info.replications;
  eo.draw_parameters = !a.point_estimate;
  eo.replications_per_draw = sc.uncertainty.replications_per_draw;
  eo.keep_model_table = sc.info.write_model_table;
  eo.max_models = max_models;
  eo.on_progress = [&](long done, long total) { progress.update(done, total, "steps"); };
  const MemberEnsemble ensemble = std::move(run_member_ensembles({&sc}, eo).front());
  const std::vector<ReplicationResult>& results = ensemble.results;
  meta.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  progress.finish();
  std::function<void(io::Group&)> ensemble_groups;  // an ensemble's /summary and /members
  if (results.size() > 1)
    ensemble_groups = [&](io::Group& root) { io::write_ensemble_groups(root, sc, ensemble); };
  io::write_run_file(out, sc, results, meta, ensemble_groups);

  std::vector<const std::vector<Statistic>*> stats;
  for (const auto& r : results) stats.push_back(&r.stats);
  if (!a.quiet) {
    std::printf(
        "hubsim %s: scenario '%s', %d replication(s) at scale %g, seed %llu, %d thread(s): %.1f "
        "s\n",
        kVersion, sc.info.name.c_str(), sc.info.replications, sc.info.scale,
        static_cast<unsigned long long>(sc.info.seed), threads, meta.wall_seconds);
    uint64_t model_steps = 0;
    double replication_seconds = 0;
    for (const auto& r : results) {
      model_steps += r.model_steps;
      replication_seconds += r.wall_seconds;
    }
    std::printf("models at the end: %zu simulated; output: %s\n", results.front().peak_models,
                out.c_str());
    std::printf(
        "performance: %llu model-steps, %.2f s per replication, %.3g model-steps per second\n\n",
        static_cast<unsigned long long>(model_steps), replication_seconds / double(results.size()),
        double(model_steps) / meta.wall_seconds);
    print_stats_table(stdout, summarise_statistics(stats), targets ? &*targets : nullptr);
    if (results.size() > 1) print_forecast_outcomes(stdout, sc.outcomes, stats);
  }
  return 0;
}

}  // namespace

const std::string& command_line() {
  return g_command_line;
}

void set_command_line(int argc, char** argv) {
  g_command_line.clear();
  for (int i = 0; i < argc; ++i) g_command_line += (i ? " " : "") + std::string(argv[i]);
}

Command add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd =
      app.add_subcommand("run", "Run a scenario's replications and write one HDF5 file");
  cmd->add_option("scenario", args->scenario, "Scenario file (TOML)")->required();
  cmd->add_option("--out,-o", args->out, "Output HDF5 file (default: outputs/<scenario>.h5)");
  cmd->add_option("--seed", args->seed, "Override the scenario's seed");
  cmd->add_option("--replications,-r", args->replications, "Override the number of replications");
  cmd->add_option("--threads,-j", args->threads, "Worker threads (default: all cores)");
  cmd->add_option("--scale", args->scale, "Override the scale (1 = full scale)");
  cmd->add_option("--targets", args->targets,
                  "Print statistics beside these published targets (TOML)");
  cmd->add_flag("--no-model-table", args->no_model_table, "Do not write the per-model table");
  cmd->add_flag(
      "--point-estimate", args->point_estimate,
      "Replications run the point estimate instead of drawing parameters from [uncertainty]");
  add_max_models_option(cmd, args->max_models);
  cmd->add_flag("--quiet,-q", args->quiet, "Print nothing on success");
  return [args] { return run(*args); };
}

Command add_version_command(CLI::App& app) {
  app.add_subcommand("version", "Print the hubsim version");
  return [] {
    std::printf("hubsim %s\n", kVersion);
    return 0;
  };
}

}  // namespace hubsim::cli
