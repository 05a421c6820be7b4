#pragma once
// The subcommands of `hubsim`. Each registers its options on the CLI11 app and returns the
// function that runs it (after parsing). Errors are thrown; main() maps them to exit codes.
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace hubsim::cli {

using Command = std::function<int()>;

Command add_run_command(CLI::App& app);
Command add_calibrate_command(CLI::App& app);
Command add_version_command(CLI::App& app);
Command add_docs_command(CLI::App& app);
Command add_sweep_command(CLI::App& app);
Command add_merge_command(CLI::App& app);
Command add_report_command(CLI::App& app);
Command add_compare_command(CLI::App& app);

// The command line as typed, recorded in output files.
const std::string& command_line();
void set_command_line(int argc, char** argv);

}  // namespace hubsim::cli
