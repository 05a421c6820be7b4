#pragma once
// Runs the simulator for calibration candidates: every (candidate, replication) pair is one task
// on TBB. All candidates use the same seed and the same replication indices, so they share
// their random numbers (common random numbers): differences between candidates come from the
// parameters, not from the draws.
#include <Eigen/Dense>

#include <functional>
#include <string>
#include <vector>

#include "free_parameters.h"
#include "scenario/scenario.h"
#include "stats/statistics.h"

namespace hubsim::calibration {

class Evaluator {
 public:
  // `keys`: the statistics collected from every replication (columns of the results);
  // `keys_source`: the file they come from (for error messages).
  // `max_models`: a run whose hub grows past this many models (full scale; 0 = no limit) is
  // stopped, and every replication of its point gets NaN statistics (an exploded candidate).
  Evaluator(const Scenario& base, const FreeParameterSet& free, std::vector<std::string> keys,
            std::string keys_source, double max_models = 0);

  // The base scenario with the free parameters set to `values` (natural units) at `scale`.
  Scenario scenario_at(const Eigen::VectorXd& values, double scale) const;

  // For every point i (values of all free parameters), replications first[i] .. first[i] +
  // count - 1 at `scale`; result i is a (count x keys) matrix, all NaN when a replication of
  // point i hit the model limit. `on_run` is called after each
  // replication (from worker threads). Throws InputError when a key is not produced at all.
  std::vector<Eigen::MatrixXd> run(const std::vector<Eigen::VectorXd>& points,
                                   const std::vector<int>& first, int count, double scale,
                                   const std::function<void()>& on_run = {}) const;
  // The same replications first .. first + count - 1 for every point (common random numbers).
  std::vector<Eigen::MatrixXd> run(const std::vector<Eigen::VectorXd>& points, int first, int count,
                                   double scale, const std::function<void()>& on_run = {}) const {
    return run(points, std::vector<int>(points.size(), first), count, scale, on_run);
  }

  const std::vector<std::string>& keys() const { return keys_; }

 private:
  void check_keys_produced(const std::vector<Statistic>& stats) const;

  const Scenario* base_;
  const FreeParameterSet* free_;
  std::vector<std::string> keys_;
  std::string keys_source_;
  double max_models_;
};

}  // namespace hubsim::calibration
