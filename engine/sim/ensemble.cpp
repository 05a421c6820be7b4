#include "sim/ensemble.h"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <atomic>

#include "sim/simulation.h"

namespace hubsim {

std::vector<ReplicationResult> run_ensemble(const Scenario& scenario,
                                            const EnsembleOptions& options) {
  const int n = options.replications;
  std::vector<ReplicationResult> results(size_t(std::max(0, n)));
  const long total_steps = long(n) * scenario.calendar().n_steps();
  std::atomic<long> done{0};
  tbb::parallel_for(0, n, 1, [&](int i) {
    ReplicationOptions ro;
    ro.keep_model_table = options.keep_model_table && i == 0;
    if (options.on_progress)
      ro.on_step = [&](int, int) { options.on_progress(++done, total_steps); };
    // Isolation: a thread waiting inside this replication's parallel loops only picks up work of
    // this replication, so at most `threads` replications (and their memory) are in flight.
    tbb::this_task_arena::isolate(
        [&] { results[size_t(i)] = run_replication(scenario, options.first_replication + i, ro); });
  });
  return results;
}

}  // namespace hubsim
