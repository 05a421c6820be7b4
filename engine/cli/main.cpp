// hubsim: simulation and forecasting of the open-model hub. Exit codes: 0 success, 2 bad input
// (scenario, targets, arguments, output path), 1 any other failure.
#include <cstdio>
#include <exception>

#include "commands.h"
#include "core/errors.h"
#include "integer_options.h"

int main(int argc, char** argv) {
  using namespace hubsim;
  cli::set_command_line(argc, argv);
  CLI::App app{"hubsim: agent-based simulation of the open AI-model hub"};
  app.require_subcommand(1);
  app.fallthrough(false);
  std::vector<std::pair<CLI::App*, cli::Command>> commands;
  auto add = [&](cli::Command (*make)(CLI::App&)) {
    const size_t before = app.get_subcommands({}).size();
    cli::Command cmd = make(app);
    commands.emplace_back(app.get_subcommands({})[before], std::move(cmd));
  };
  add(&cli::add_run_command);
  add(&cli::add_calibrate_command);
  add(&cli::add_version_command);
  add(&cli::add_docs_command);
  add(&cli::add_sweep_command);
  add(&cli::add_merge_command);
  add(&cli::add_report_command);
  add(&cli::add_compare_command);
  cli::require_decimal_integers(app);  // once every command is added: their whole-number options
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message
    return 2;
  }
  try {
    for (auto& [sub, cmd] : commands)
      if (sub->parsed()) return cmd();
  } catch (const InputError& e) {
    std::fprintf(stderr, "hubsim: error: %s\n", e.what());
    return 2;
  } catch (const RunLimitExceeded& e) {
    std::fprintf(stderr, "hubsim: stopped: %s\n", e.what());
    return 3;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hubsim: failed: %s\n", e.what());
    return 1;
  }
  return 1;
}
