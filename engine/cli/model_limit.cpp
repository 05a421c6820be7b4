#include "model_limit.h"

#include <cstdio>

#include "core/errors.h"

namespace hubsim::cli {

void add_max_models_option(CLI::App* command, std::optional<double>& max_models) {
  command->add_option(
      "--max-models", max_models,
      "Stop (exit code 3) if a member's hub grows past this many models, full scale "
      "(default: no limit)");
}

double checked_max_models(const std::optional<double>& max_models) {
  if (!max_models) return 0.0;
  if (!(*max_models >= 1.0 && *max_models <= 1e15)) {
    char value[32];
    std::snprintf(value, sizeof value, "%g", *max_models);
    throw InputError("command line", "--max-models", value,
                     "a number of models from 1 to 1e15 (full scale)");
  }
  return *max_models;
}

}  // namespace hubsim::cli
