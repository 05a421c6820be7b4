#pragma once
// The space the search and the posterior sampler move in: the ACTIVE free parameters (those the
// screening kept) in unit coordinates; the other free parameters stay at fixed values.
#include <Eigen/Dense>

#include <vector>

#include "core/counter_rng.h"
#include "free_parameters.h"
#include "scenario/parameters.h"

namespace hubsim::calibration {

class ParameterSpace {
 public:
  // `fixed_unit`: every free parameter's unit coordinate when it is not active (the start point).
  ParameterSpace(const FreeParameterSet& free, std::vector<int> active, Eigen::VectorXd fixed_unit);

  int dimension() const { return int(active_.size()); }
  const std::vector<int>& active() const { return active_; }
  const FreeParameterSet& free() const { return *free_; }
  const Eigen::VectorXd& fixed_unit() const { return fixed_unit_; }

  // Every free parameter's unit coordinate for a point of the active space.
  Eigen::VectorXd full_unit(const Eigen::VectorXd& active_unit) const;
  // Every free parameter's value (natural units) for a point of the active space.
  Eigen::VectorXd values(const Eigen::VectorXd& active_unit) const;
  // Log prior density of a point of the active space (unit coordinates; -inf outside [0, 1]).
  double log_prior(const Eigen::VectorXd& active_unit) const;
  // A draw from the prior of the active parameters.
  Eigen::VectorXd sample_prior(Stream& rng) const;

 private:
  const FreeParameterSet* free_;
  std::vector<int> active_;
  Eigen::VectorXd fixed_unit_;
};

// The unit coordinates of the scenario's own values (clamped into the free bounds).
Eigen::VectorXd start_point_unit(const FreeParameterSet& free, const Parameters& params);
// Values (natural units) of every free parameter for unit coordinates of all of them.
Eigen::VectorXd values_of_unit(const FreeParameterSet& free, const Eigen::VectorXd& full_unit);

}  // namespace hubsim::calibration
