#include "sweep/experiment.h"

#include <tbb/task_arena.h>

#include <chrono>
#include <exception>
#include <limits>
#include <unordered_map>

#include "sim/simulation.h"

namespace hubsim::sweep {

ExperimentResult run_experiment(const SweepPlan& plan, size_t e) {
  const auto started = std::chrono::steady_clock::now();
  ExperimentResult r;
  r.experiment = int64_t(e);
  const auto& outcomes = plan.spec.outcomes;
  const int reps = plan.spec.replications;
  r.outcomes.assign(size_t(reps) * outcomes.size(), std::numeric_limits<double>::quiet_NaN());
  try {
    const Scenario sc = experiment_scenario(plan, e);
    // The engine's parallel loops run serially inside a one-slot arena, so one worker thread
    // is one experiment and N workers run N experiments side by side.
    tbb::task_arena single(1);
    ReplicationOptions options;
    options.max_models = plan.spec.max_models;
    single.execute([&] {
      for (int rep = 0; rep < reps; ++rep) {
        const ReplicationResult result = run_replication(sc, rep, options);
        std::unordered_map<std::string, double> stats;
        for (const auto& s : result.stats) stats.emplace(s.key, s.value);
        for (size_t o = 0; o < outcomes.size(); ++o) {
          const auto it = stats.find(outcomes[o]);
          if (it != stats.end()) r.outcomes[size_t(rep) * outcomes.size() + o] = it->second;
        }
      }
    });
  } catch (const std::exception& ex) {
    r.status = ExperimentStatus::kFailed;
    r.error = ex.what();
    std::fill(r.outcomes.begin(), r.outcomes.end(), std::numeric_limits<double>::quiet_NaN());
  }
  r.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace hubsim::sweep
