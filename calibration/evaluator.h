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

namespace hubsim::calibration {

class Evaluator {
 public:
  // `keys`: the statistics collected from every replication (columns of the results).
  Evaluator(const Scenario& base, const FreeParameterSet& free, std::vector<std::string> keys);

  // The base scenario with the free parameters set to `values` (natural units) at `scale`.
  Scenario scenario_at(const Eigen::VectorXd& values, double scale) const;

  // For every point (values of all free parameters), replications first .. first + count - 1
  // at `scale`; result i is a (count x keys) matrix. `on_run` is called after each replication
  // (from worker threads).
  std::vector<Eigen::MatrixXd> run(const std::vector<Eigen::VectorXd>& points, int first, int count,
                                   double scale, const std::function<void()>& on_run = {}) const;

  const std::vector<std::string>& keys() const { return keys_; }

 private:
  const Scenario* base_;
  const FreeParameterSet* free_;
  std::vector<std::string> keys_;
};

}  // namespace hubsim::calibration
