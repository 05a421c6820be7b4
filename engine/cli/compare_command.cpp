// `hubsim compare A.toml B.toml ... --out FILE.h5`: runs the scenarios on common random numbers
// (the same seed, member indices and parameter draws), writes one HDF5 file and prints, per
// outcome, each scenario's median and 90% band and its difference from the first scenario,
// then the robustness of each scenario as a lever.
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>

#include "commands.h"
#include "core/errors.h"
#include "io/atomic_output.h"
#include "io/compare_writer.h"
#include "model_limit.h"
#include "outcome_table.h"
#include "output_path.h"
#include "progress.h"
#include "scenario/scenario_loader.h"
#include "sim/member_ensemble.h"

namespace hubsim::cli {

namespace {

struct CompareArgs {
  std::vector<std::string> scenarios;
  std::string out;
  std::optional<int64_t> seed;
  std::optional<int> replications;
  std::optional<int> threads;
  std::optional<double> scale;
  bool point_estimate = false;
  bool quiet = false;
  std::optional<double> max_models;
};

int compare(const CompareArgs& a) {
  if (a.scenarios.size() < 2)
    throw InputError("command line", "scenarios", std::to_string(a.scenarios.size()) + " file(s)",
                     "at least two scenario files (the first is the reference)");
  std::vector<Scenario> loaded;
  for (const auto& path : a.scenarios) loaded.push_back(load_scenario(path));
  io::CompareMetadata meta;
  meta.run.command_line = command_line();
  // Common settings: the first scenario's unless given on the command line.
  const Scenario& first = loaded.front();
  meta.seed = first.info.seed;
  meta.members = first.info.replications;
  meta.scale = first.info.scale;
  meta.replications_per_draw = first.uncertainty.replications_per_draw;
  if (a.seed) {
    if (*a.seed < 0)
      throw InputError("command line", "--seed", std::to_string(*a.seed), "a seed >= 0");
    meta.seed = uint64_t(*a.seed);
    meta.run.overrides.emplace_back("seed", std::to_string(*a.seed));
  }
  if (a.replications) {
    if (*a.replications < 1 || *a.replications > 100000)
      throw InputError("command line", "--replications", std::to_string(*a.replications),
                       "1 to 100000");
    meta.members = *a.replications;
    meta.run.overrides.emplace_back("replications", std::to_string(*a.replications));
  }
  if (a.scale) {
    if (!(*a.scale > 0.0 && *a.scale <= 4.0))
      throw InputError("command line", "--scale", std::to_string(*a.scale),
                       "a number in (0, 4] (1 = full scale)");
    meta.scale = *a.scale;
    meta.run.overrides.emplace_back("scale", std::to_string(*a.scale));
  }
  if (a.point_estimate) meta.run.overrides.emplace_back("point_estimate", "true");
  for (Scenario& sc : loaded) {
    sc.info.seed = meta.seed;
    sc.info.replications = meta.members;
    sc.info.scale = meta.scale;
    sc.info.write_model_table = false;
  }
  const int threads = a.threads.value_or(tbb::info::default_concurrency());
  if (threads < 1 || threads > 1024)
    throw InputError("command line", "--threads", std::to_string(threads), "1 to 1024");
  meta.run.threads = threads;
  const double max_models = checked_max_models(a.max_models);
  check_output_path("--out", a.out, a.scenarios);
  std::vector<const Scenario*> scenarios;
  std::vector<std::string> names;
  for (const Scenario& sc : loaded) {
    scenarios.push_back(&sc);
    names.push_back(sc.info.name);
  }
  const std::vector<OutcomeSpec> outcomes = collect_outcomes(scenarios);

  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, size_t(threads));
  const auto started = std::chrono::steady_clock::now();
  Progress progress("hubsim compare:", !a.quiet);
  MemberEnsembleOptions eo;
  eo.members = meta.members;
  eo.draw_parameters = !a.point_estimate;
  eo.replications_per_draw = meta.replications_per_draw;
  eo.max_models = max_models;
  eo.on_progress = [&](long done, long total) { progress.update(done, total, "steps"); };
  const std::vector<MemberEnsemble> ensembles = run_member_ensembles(scenarios, eo);
  meta.run.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  progress.finish();

  std::vector<MemberStatistics> stats(ensembles.size());
  for (size_t s = 0; s < ensembles.size(); ++s)
    for (const auto& r : ensembles[s].results) stats[s].push_back(&r.stats);
  const std::vector<OutcomeComparison> compared = compare_outcomes(outcomes, stats);
  io::write_compare_file(a.out, scenarios, ensembles, compared, meta);

  if (!a.quiet) {
    std::printf(
        "hubsim compare: %zu scenarios x %d member(s) at scale %g, seed %llu, %d thread(s): %.1f "
        "s\n",
        scenarios.size(), meta.members, meta.scale, static_cast<unsigned long long>(meta.seed),
        threads, meta.run.wall_seconds);
    const bool drawing = !a.point_estimate && meta.members > 1 &&
                         std::any_of(loaded.begin(), loaded.end(),
                                     [](const Scenario& sc) { return sc.uncertainty.any(); });
    std::printf("uncertainty: %s; output: %s\n\n",
                drawing ? ("members draw parameters (" +
                           std::to_string(meta.replications_per_draw) + " replication(s) per draw)")
                              .c_str()
                        : "none drawn (every member runs the point estimate)",
                a.out.c_str());
    if (compared.empty()) {
      std::printf(
          "The scenarios name no [[outcomes]]; the file holds their series and statistics.\n");
    } else {
      print_comparison(stdout, names, compared, meta.members);
      print_robustness(stdout, names, compared);
    }
  }
  return 0;
}

}  // namespace

Command add_compare_command(CLI::App& app) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Run scenarios on common random numbers and compare their outcomes");
  cmd->add_option("scenarios", args->scenarios, "Scenario files (TOML); the first is the reference")
      ->required();
  cmd->add_option("--out,-o", args->out, "Output HDF5 file")->required();
  cmd->add_option("--seed", args->seed, "Seed of every scenario (default: the first scenario's)");
  cmd->add_option("--replications,-r", args->replications,
                  "Ensemble members per scenario (default: the first scenario's replications)");
  cmd->add_option("--threads,-j", args->threads, "Worker threads (default: all cores)");
  cmd->add_option("--scale", args->scale,
                  "Scale of every scenario (default: the first scenario's)");
  cmd->add_flag("--point-estimate", args->point_estimate,
                "Members run the point estimate instead of drawing parameters from [uncertainty]");
  add_max_models_option(cmd, args->max_models);
  cmd->add_flag("--quiet,-q", args->quiet, "Print nothing on success");
  return [args] { return compare(*args); };
}

}  // namespace hubsim::cli
