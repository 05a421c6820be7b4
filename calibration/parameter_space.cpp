#include "parameter_space.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "scenario/parameter_registry.h"

namespace hubsim::calibration {

ParameterSpace::ParameterSpace(const FreeParameterSet& free, std::vector<int> active,
                               Eigen::VectorXd fixed_unit)
    : free_(&free), active_(std::move(active)), fixed_unit_(std::move(fixed_unit)) {}

Eigen::VectorXd ParameterSpace::full_unit(const Eigen::VectorXd& active_unit) const {
  Eigen::VectorXd u = fixed_unit_;
  for (size_t i = 0; i < active_.size(); ++i) u[active_[i]] = active_unit[Eigen::Index(i)];
  return u;
}

Eigen::VectorXd ParameterSpace::values(const Eigen::VectorXd& active_unit) const {
  return values_of_unit(*free_, full_unit(active_unit));
}

double ParameterSpace::log_prior(const Eigen::VectorXd& active_unit) const {
  double lp = 0;
  for (size_t i = 0; i < active_.size(); ++i)
    lp += free_->params[size_t(active_[i])].log_prior_unit(active_unit[Eigen::Index(i)]);
  return lp;
}

Eigen::VectorXd ParameterSpace::sample_prior(Stream& rng) const {
  Eigen::VectorXd u(dimension());
  for (size_t i = 0; i < active_.size(); ++i)
    u[Eigen::Index(i)] = free_->params[size_t(active_[i])].sample_prior_unit(rng);
  return u;
}

Eigen::VectorXd start_point_unit(const FreeParameterSet& free, const Parameters& params) {
  Eigen::VectorXd u(Eigen::Index(free.size()));
  for (size_t i = 0; i < free.size(); ++i) {
    const FreeParameter& p = free.params[i];
    const double v = std::clamp(get_parameter(params, p.name), p.lo, p.hi);
    u[Eigen::Index(i)] = std::clamp(p.to_unit(v), 0.0, 1.0);
  }
  return u;
}

Eigen::VectorXd values_of_unit(const FreeParameterSet& free, const Eigen::VectorXd& full_unit) {
  Eigen::VectorXd v(full_unit.size());
  for (Eigen::Index i = 0; i < full_unit.size(); ++i)
    v[i] = free.params[size_t(i)].from_unit(full_unit[i]);
  return v;
}

}  // namespace hubsim::calibration
