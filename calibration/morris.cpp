#include "morris.h"

#include <cmath>
#include <numeric>

namespace hubsim::calibration {

MorrisTrajectory morris_trajectory(StreamKey key, int dimension, int t) {
  Stream rng(key, Purpose::kCalibrationScreening, uint32_t(t), 0);
  MorrisTrajectory tr;
  tr.step.resize(size_t(dimension));
  Eigen::VectorXd x(dimension);
  // Levels {0, 1/3, 2/3, 1}: a step of 2/3 goes up from 0 or 1/3, or down from 2/3 or 1.
  for (int i = 0; i < dimension; ++i) {
    const double low = rng.bernoulli(0.5) ? 1.0 / 3.0 : 0.0;
    const bool up = rng.bernoulli(0.5);
    tr.step[size_t(i)] = up ? kMorrisDelta : -kMorrisDelta;
    x[i] = up ? low : low + kMorrisDelta;
  }
  tr.order.resize(size_t(dimension));
  std::iota(tr.order.begin(), tr.order.end(), 0);
  for (int i = dimension - 1; i > 0; --i)
    std::swap(tr.order[size_t(i)], tr.order[rng.below(uint32_t(i + 1))]);
  tr.points.push_back(x);
  for (int j = 0; j < dimension; ++j) {
    const int i = tr.order[size_t(j)];
    x[i] += tr.step[size_t(i)];
    x[i] = std::round(x[i] * 3.0) / 3.0;  // stay exactly on the grid
    tr.points.push_back(x);
  }
  return tr;
}

ScreeningResult analyse_morris(const std::vector<MorrisTrajectory>& trajectories,
                               const std::vector<std::vector<Eigen::VectorXd>>& outputs,
                               const Eigen::VectorXd& noise_sd, int replications,
                               double inert_threshold) {
  const auto r = Eigen::Index(trajectories.size());
  const auto d = Eigen::Index(trajectories.front().order.size());
  const Eigen::Index k = noise_sd.size();
  ScreeningResult s;
  s.mu_star = Eigen::MatrixXd::Zero(d, k);
  s.mu = Eigen::MatrixXd::Zero(d, k);
  s.sigma = Eigen::MatrixXd::Zero(d, k);
  Eigen::MatrixXd sum_sq = Eigen::MatrixXd::Zero(d, k);
  for (Eigen::Index t = 0; t < r; ++t) {
    const MorrisTrajectory& tr = trajectories[size_t(t)];
    for (Eigen::Index j = 0; j < d; ++j) {
      const int i = tr.order[size_t(j)];
      const Eigen::VectorXd ee =
          (outputs[size_t(t)][size_t(j + 1)] - outputs[size_t(t)][size_t(j)]) / tr.step[size_t(i)];
      s.mu.row(i) += ee.transpose();
      s.mu_star.row(i) += ee.cwiseAbs().transpose();
      sum_sq.row(i) += ee.cwiseProduct(ee).transpose();
    }
  }
  s.mu /= double(r);
  s.mu_star /= double(r);
  for (Eigen::Index i = 0; i < d; ++i)
    for (Eigen::Index c = 0; c < k; ++c) {
      const double var =
          r > 1 ? (sum_sq(i, c) - double(r) * s.mu(i, c) * s.mu(i, c)) / double(r - 1) : 0.0;
      s.sigma(i, c) = std::sqrt(std::max(0.0, var));
    }
  s.threshold.resize(k);
  const double per_noise = std::sqrt(2.0 / double(std::max(1, replications))) / kMorrisDelta;
  for (Eigen::Index c = 0; c < k; ++c)
    s.threshold[c] = std::max(inert_threshold, 1.6 * per_noise * noise_sd[c]);
  s.active.assign(size_t(d), false);
  for (Eigen::Index i = 0; i < d; ++i)
    for (Eigen::Index c = 0; c < k; ++c)
      if (s.mu_star(i, c) > s.threshold[c]) s.active[size_t(i)] = true;
  return s;
}

}  // namespace hubsim::calibration
