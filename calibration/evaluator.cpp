#include "evaluator.h"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <limits>
#include <unordered_set>

#include "core/errors.h"
#include "moments.h"
#include "scenario/parameter_registry.h"
#include "sim/simulation.h"

namespace hubsim::calibration {

Evaluator::Evaluator(const Scenario& base, const FreeParameterSet& free,
                     std::vector<std::string> keys, std::string keys_source, double max_models)
    : base_(&base),
      free_(&free),
      keys_(std::move(keys)),
      keys_source_(std::move(keys_source)),
      max_models_(max_models) {}

void Evaluator::check_keys_produced(const std::vector<Statistic>& stats) const {
  std::unordered_set<std::string_view> produced;
  for (const auto& s : stats) produced.insert(s.key);
  for (const auto& k : keys_)
    if (!produced.count(k))
      throw InputError(keys_source_, "stat", "\"" + k + "\"",
                       "a statistic the scenario produces (this one is not computed for its "
                       "window, regions, families or publishers)");
}

Scenario Evaluator::scenario_at(const Eigen::VectorXd& values, double scale) const {
  Scenario sc = *base_;
  for (size_t i = 0; i < free_->size(); ++i)
    set_parameter(sc.params, free_->params[i].name, values[Eigen::Index(i)], free_->file);
  sc.info.scale = scale;
  return sc;
}

std::vector<Eigen::MatrixXd> Evaluator::run(const std::vector<Eigen::VectorXd>& points,
                                            const std::vector<int>& first, int count, double scale,
                                            const std::function<void()>& on_run) const {
  std::vector<Scenario> scenarios;
  scenarios.reserve(points.size());
  for (const auto& p : points) scenarios.push_back(scenario_at(p, scale));
  std::vector<Eigen::MatrixXd> out(points.size(),
                                   Eigen::MatrixXd(count, Eigen::Index(keys_.size())));
  std::vector<std::atomic<bool>> exploded(points.size());  // set from worker threads
  ReplicationOptions options;
  options.max_models = max_models_;
  const int tasks = int(points.size()) * count;
  tbb::parallel_for(0, tasks, 1, [&](int task) {
    const auto point = size_t(task / count);
    const int rep = task % count;
    // Isolation: a thread waiting inside this replication's parallel loops only picks up work
    // of this replication, so at most `threads` replications (and their memory) are in flight.
    tbb::this_task_arena::isolate([&] {
      try {
        const ReplicationResult r = run_replication(scenarios[point], first[point] + rep, options);
        check_keys_produced(r.stats);
        out[point].row(rep) = extract_statistics(r.stats, keys_).transpose();
      } catch (const RunLimitExceeded&) {
        exploded[point].store(true, std::memory_order_relaxed);
      }
    });
    if (on_run) on_run();
  });
  // One exploded replication condemns the point: the others' means would hide the explosion.
  for (size_t p = 0; p < points.size(); ++p)
    if (exploded[p].load(std::memory_order_relaxed))
      out[p].setConstant(std::numeric_limits<double>::quiet_NaN());
  return out;
}

}  // namespace hubsim::calibration
