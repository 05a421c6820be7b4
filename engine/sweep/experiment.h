#pragma once
// Running one experiment of a sweep: its replications, one after the other on the calling
// thread (experiments, not replications, are what a sweep runs in parallel), keeping the
// outcome statistics of each replication.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sweep/sweep_plan.h"

namespace hubsim::sweep {

enum class ExperimentStatus : uint8_t { kOk = 0, kFailed = 1 };
inline constexpr std::array<const char*, 2> kStatusNames = {"ok", "failed"};

struct ExperimentResult {
  int64_t experiment = -1;
  ExperimentStatus status = ExperimentStatus::kOk;
  double wall_seconds = 0;
  std::string error;             // why it failed (empty when ok)
  std::vector<double> outcomes;  // [replication * outcomes + outcome]; NaN where not produced
};

// Never throws for a failure of the simulation itself: that is recorded as kFailed with the
// message (a sweep goes on). Runs single-threaded (inside a one-thread TBB arena).
ExperimentResult run_experiment(const SweepPlan& plan, size_t e);

}  // namespace hubsim::sweep
