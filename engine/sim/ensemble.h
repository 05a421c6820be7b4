#pragma once
// Replications of one scenario, run in parallel on TBB. Each replication draws only from its
// own streams (seed, replication, purpose), so the results are the same for any thread count.
#include <functional>
#include <vector>

#include "scenario/scenario.h"
#include "sim/run_result.h"

namespace hubsim {

struct EnsembleOptions {
  int first_replication = 0;
  int replications = 1;
  bool keep_model_table = false;  // for the first replication
  // Progress: (steps done over all replications, total steps). Called from worker threads.
  std::function<void(long, long)> on_progress;
};

std::vector<ReplicationResult> run_ensemble(const Scenario& scenario,
                                            const EnsembleOptions& options);

}  // namespace hubsim
