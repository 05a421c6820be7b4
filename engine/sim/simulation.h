#pragma once
// One replication of a scenario: builds the initial world, advances it step by step through
// events, growth, releases, derivations, datasets and downloads, and collects statistics.
#include <functional>

#include "scenario/scenario.h"
#include "sim/run_result.h"

namespace hubsim {

struct ReplicationOptions {
  bool keep_model_table = false;
  // Called after every step with (steps done, total steps); must be thread-safe.
  std::function<void(int, int)> on_step;
  // Stop with RunLimitExceeded once the hub holds more than this many models (full-scale units,
  // so the same limit at any scale); 0 = no limit. Calibration uses it to cut short candidates
  // whose parameters make the hub explode.
  double max_models = 0;
};

ReplicationResult run_replication(const Scenario& scenario, int replication,
                                  const ReplicationOptions& options = {});

}  // namespace hubsim
