#pragma once
// Loading a scenario: parse the TOML file (following `extends`), check every key against its
// schema, check cross-references, and return an immutable Scenario. Any problem is an
// InputError naming the file, line, key, value and what is allowed.
#include <string>

#include "scenario/scenario.h"

namespace hubsim {

Scenario load_scenario(const std::string& path);
// From text (tests, fuzzing); `name` stands for the file name in messages; `extends` paths are
// resolved against `base_dir`.
Scenario load_scenario_text(const std::string& text, const std::string& name,
                            const std::string& base_dir = ".");

}  // namespace hubsim
