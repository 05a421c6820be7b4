// `hubsim merge SHARD.h5... --out FILE.h5`: joins the shard files of one sweep (hubsim sweep
// --shard i/n, e.g. the tasks of a Slurm job array) into the file an unsharded run would have
// written, with the sensitivity analysis of the whole design.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "core/errors.h"
#include "output_path.h"
#include "sweep/sweep_merge.h"
#include "sweep_report.h"

namespace hubsim::cli {

namespace {

struct MergeArgs {
  std::vector<std::string> shards;
  std::string out;
  bool quiet = false;
};

int run(const MergeArgs& a) {
  check_output_path("--out", a.out, a.shards);
  const sweep::MergeOutcome m = sweep::merge_sweep_files(a.shards, a.out, command_line());
  if (!a.quiet) {
    std::printf("hubsim merge: %zu file(s), %zu experiment(s) of sweep '%s'; output: %s\n",
                a.shards.size(), m.data.experiments.size(), m.data.meta.name.c_str(),
                a.out.c_str());
    print_sensitivity(stdout, m.data, m.sensitivity);
    print_sweep_warnings(m.data, m.sensitivity);
  }
  return 0;
}

}  // namespace

Command add_merge_command(CLI::App& app) {
  auto args = std::make_shared<MergeArgs>();
  CLI::App* cmd =
      app.add_subcommand("merge", "Merge the shard files of a sweep into one HDF5 file");
  cmd->add_option("shards", args->shards, "Shard files written by hubsim sweep --shard i/n")
      ->required();
  cmd->add_option("--out,-o", args->out, "Merged HDF5 file")->required();
  cmd->add_flag("--quiet,-q", args->quiet, "Print nothing on success");
  return [args] { return run(*args); };
}

}  // namespace hubsim::cli
