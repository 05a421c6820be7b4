#pragma once
// `--max-models` of `hubsim run` and `hubsim compare`: a member whose hub grows past the limit
// (full-scale models) stops the command with a message naming the member and its drawn
// parameters (exit code 3), instead of exhausting the machine's memory hours later.
#include <CLI/CLI.hpp>

#include <optional>

namespace hubsim::cli {

void add_max_models_option(CLI::App* command, std::optional<double>& max_models);

// The limit for MemberEnsembleOptions::max_models (0 = none); an InputError unless it is a
// number from 1 to 1e15.
double checked_max_models(const std::optional<double>& max_models);

}  // namespace hubsim::cli
