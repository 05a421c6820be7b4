// `hubsim sweep SWEEP.toml --out FILE.h5`: runs the experiments of a sweep file on TBB threads
// and, under mpirun, on every rank; writes ONE HDF5 file (or a shard of it with --shard i/n) and
// prints the sensitivity indices of a Saltelli design. Finished experiments are journaled, so
// --resume continues a killed sweep.
#include <tbb/info.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "commands.h"
#include "core/errors.h"
#include "hubsim/version.h"
#include "model_limit.h"
#include "sweep/shard.h"
#include "sweep/sweep_loader.h"
#include "sweep/sweep_plan.h"
#include "sweep/sweep_runner.h"
#include "sweep_report.h"

namespace hubsim::cli {

namespace {

struct SweepArgs {
  std::string sweep;
  std::string out;
  bool resume = false;
  std::optional<int> threads;
  std::string shard;
  std::optional<double> scale;
  std::optional<int64_t> seed;
  std::optional<int> replications;
  std::optional<double> max_models;
  bool dry_run = false;
  bool quiet = false;
};

// Threads per process: --threads, else Slurm's cpus-per-task, else the cores this process may
// use (its affinity mask) shared among the ranks of this node.
int default_threads() {
  if (const char* s = std::getenv("SLURM_CPUS_PER_TASK")) {
    const int n = std::atoi(s);
    if (n > 0) return n;
  }
  int n = tbb::info::default_concurrency();
  if (const char* local = std::getenv("OMPI_COMM_WORLD_LOCAL_SIZE")) {
    const int ranks = std::atoi(local);
    if (ranks > 1) n = std::max(1, n / ranks);
  }
  return n;
}

// Only the first rank (or the only process) talks.
bool first_rank() {
  const char* rank = std::getenv("OMPI_COMM_WORLD_RANK");
  if (!rank) rank = std::getenv("PMIX_RANK");
  if (!rank) rank = std::getenv("PMI_RANK");
  return !rank || std::atoi(rank) == 0;
}

int run(const SweepArgs& a) {
  sweep::SweepSpec spec = sweep::load_sweep(a.sweep);
  std::vector<std::string> overrides;
  if (a.scale) {
    if (!(*a.scale > 0.0 && *a.scale <= 4.0))
      throw InputError("command line", "--scale", std::to_string(*a.scale),
                       "a number in (0, 4] (1 = full scale)");
    spec.scale = *a.scale;
    std::ostringstream scale;
    scale << *a.scale;
    overrides.push_back("scale=" + scale.str());
  }
  if (a.seed) {
    if (*a.seed < 0)
      throw InputError("command line", "--seed", std::to_string(*a.seed), "a seed >= 0");
    spec.seed = uint64_t(*a.seed);
    overrides.push_back("seed=" + std::to_string(*a.seed));
  }
  if (a.replications) {
    if (*a.replications < 1 || *a.replications > 10000)
      throw InputError("command line", "--replications", std::to_string(*a.replications),
                       "1 to 10000");
    spec.replications = *a.replications;
    overrides.push_back("replications=" + std::to_string(*a.replications));
  }
  if (a.max_models) {
    spec.max_models = checked_max_models(a.max_models);
    std::ostringstream limit;
    limit << spec.max_models;
    overrides.push_back("max_models=" + limit.str());
  }
  const sweep::Shard shard =
      a.shard.empty() ? sweep::Shard{} : sweep::parse_shard(a.shard, "--shard");
  const int threads = a.threads.value_or(default_threads());
  if (threads < 1 || threads > 1024)
    throw InputError("command line", "--threads", std::to_string(threads), "1 to 1024");
  const sweep::SweepPlan plan = sweep::make_plan(std::move(spec));
  const bool talk = !a.quiet && first_rank();

  if (a.dry_run) {
    if (first_rank())
      std::printf(
          "sweep '%s': %zu experiments (%s, %zu parameter(s), %d replication(s) each, scale "
          "%g, seed %llu), shard %s holds %zu; fingerprint %s\n",
          plan.spec.name.c_str(), plan.experiments(), sweep::sampler_name(plan.spec.sampler),
          plan.design.k(), plan.spec.replications, plan.spec.scale,
          static_cast<unsigned long long>(plan.spec.seed), shard.text().c_str(),
          shard.experiments(int64_t(plan.experiments())).size(), plan.fingerprint.c_str());
    return 0;
  }
  if (a.out.empty())
    throw InputError("command line", "--out", "(missing)",
                     "an output file, e.g. --out outputs/sweep.h5");
  sweep::check_output(a.out, a.resume);

  SweepProgressLine line("hubsim sweep " + plan.spec.name + ":", talk);
  sweep::RunOptions o;
  o.out = a.out;
  o.resume = a.resume;
  o.threads = threads;
  o.shard = shard;
  o.command_line = command_line();
  o.overrides = overrides;
  o.on_progress = [&](const sweep::SweepProgress& p) { line.update(p); };
  const sweep::RunOutcome r = sweep::run_sweep(plan, o);
  line.finish();
  if (!r.writer) return 0;
  if (r.already_complete) {
    if (talk)
      std::printf("hubsim sweep '%s': %s is already complete; nothing to do\n",
                  plan.spec.name.c_str(), a.out.c_str());
    return 0;
  }
  if (r.journal_dropped_bytes > 0)
    std::fprintf(
        stderr,
        "hubsim: note: dropped %zu byte(s) of an incomplete record at the end of the journal\n",
        r.journal_dropped_bytes);
  if (talk) {
    std::printf(
        "hubsim %s sweep '%s': %zu experiment(s)%s (%s, %d replication(s) each, scale %g, "
        "seed %llu) in %.1f s on %d thread(s) x %d rank(s)\n",
        kVersion, plan.spec.name.c_str(), r.data.experiments.size(),
        shard.count > 1 ? (" of shard " + shard.text()).c_str() : "",
        sweep::sampler_name(plan.spec.sampler), plan.spec.replications, plan.spec.scale,
        static_cast<unsigned long long>(plan.spec.seed), r.wall_seconds, threads, r.ranks);
    std::printf("ran %lld, resumed from the journal %lld, failed %lld; output: %s\n",
                static_cast<long long>(r.ran), static_cast<long long>(r.resumed),
                static_cast<long long>(r.failed), a.out.c_str());
    if (shard.count > 1 && plan.design.layout == sweep::DesignLayout::kSaltelli)
      std::printf(
          "(sensitivity indices are computed by `hubsim merge` once every shard is done)\n");
    print_sensitivity(stdout, r.data, r.sensitivity);
  }
  if (!a.quiet) print_sweep_warnings(r.data, r.sensitivity);
  return 0;
}

}  // namespace

Command add_sweep_command(CLI::App& app) {
  auto args = std::make_shared<SweepArgs>();
  CLI::App* cmd = app.add_subcommand(
      "sweep", "Run a parameter sweep (TBB threads; MPI ranks under mpirun) into one HDF5 file");
  cmd->add_option("sweep", args->sweep, "Sweep file (TOML)")->required();
  cmd->add_option("--out,-o", args->out, "Output HDF5 file (its journal is FILE.journal)");
  cmd->add_flag("--resume", args->resume,
                "Continue an interrupted sweep from its journal (starts afresh if there is none)");
  cmd->add_option("--threads,-j", args->threads,
                  "Worker threads per process (default: cores of this process / ranks per node)");
  cmd->add_option("--shard", args->shard,
                  "Run only experiments e with e mod n == i, written as shard i/n (merge with "
                  "`hubsim merge`)");
  cmd->add_option("--scale", args->scale, "Override the sweep's scale (1 = full scale)");
  cmd->add_option("--max-models", args->max_models,
                  "An experiment whose hub grows past this many models (full scale) is recorded "
                  "as failed and the sweep goes on (default: no limit)");
  cmd->add_option("--seed", args->seed, "Override the sweep's seed");
  cmd->add_option("--replications,-r", args->replications,
                  "Override the replications per experiment");
  cmd->add_flag("--dry-run", args->dry_run,
                "Check the sweep file and print the design size; run nothing");
  cmd->add_flag("--quiet,-q", args->quiet, "Print nothing on success");
  return [args] { return run(*args); };
}

}  // namespace hubsim::cli
