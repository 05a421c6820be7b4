#pragma once
// A sweep ready to run: its spec, its design (every experiment's parameter values, checked) and
// a fingerprint of everything that determines its results, which ties journals and shard files
// to the sweep that made them.
#include <cstdint>
#include <string>

#include "scenario/scenario.h"
#include "sweep/design.h"
#include "sweep/sweep_spec.h"

namespace hubsim::sweep {

struct SweepPlan {
  SweepSpec spec;
  Design design;
  std::string fingerprint;  // 16 hex digits
  size_t experiments() const { return design.experiments(); }
};

// Builds the design and checks every experiment's parameters against the registry and the
// cross-parameter rules of scenario files; throws InputError naming the experiment (and the CSV
// line for a table design).
SweepPlan make_plan(SweepSpec spec);

// The seed of experiment e (the sweep's seed with common random numbers).
uint64_t experiment_seed(const SweepSpec& spec, size_t e);
// The scenario experiment e runs: the base with the row's parameters, the sweep's scale and seed
// and no model table.
Scenario experiment_scenario(const SweepPlan& plan, size_t e);

}  // namespace hubsim::sweep
