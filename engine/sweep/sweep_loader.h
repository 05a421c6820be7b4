#pragma once
// Loading a sweep file: parse the TOML, check every key against the sweep schemas, load the base
// scenario, check the parameters against the registry and the outcomes against the statistics
// the scenario can produce. Any problem is an InputError naming the file, line, key, value and
// what is allowed (did-you-mean for names).
#include <string>

#include "sweep/sweep_spec.h"

namespace hubsim::sweep {

SweepSpec load_sweep(const std::string& path);
// From text (tests); `name` stands for the file name in messages; relative paths (scenario,
// design table) are resolved against `base_dir`.
SweepSpec load_sweep_text(const std::string& text, const std::string& name,
                          const std::string& base_dir);

}  // namespace hubsim::sweep
