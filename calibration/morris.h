#pragma once
// Identifiability screening by Morris elementary effects (Morris 1991; mu* of Campolongo et al.
// 2007): r random one-at-a-time trajectories through a 4-level grid of the unit cube; each step
// changes one parameter by Delta = 2/3 of its range, and the change of every fitted statistic
// (in half-ranges of its target) divided by Delta is that parameter's elementary effect.
#include <Eigen/Dense>

#include <vector>

#include "core/counter_rng.h"

namespace hubsim::calibration {

inline constexpr double kMorrisDelta = 2.0 / 3.0;

struct MorrisTrajectory {
  std::vector<Eigen::VectorXd> points;  // d + 1 points in the unit cube
  std::vector<int> order;               // order[j]: the parameter changed from point j to j + 1
  std::vector<double> step;             // +Delta or -Delta, by parameter
};

// Trajectory t of a d-dimensional design: a pure function of (key, t).
MorrisTrajectory morris_trajectory(StreamKey key, int dimension, int t);

struct ScreeningResult {
  Eigen::MatrixXd mu_star;    // parameters x targets: mean |elementary effect|
  Eigen::MatrixXd mu;         // mean elementary effect
  Eigen::MatrixXd sigma;      // sd of the elementary effects
  Eigen::VectorXd threshold;  // by target: the effect below which a parameter counts as inert
  std::vector<bool> active;   // by parameter: moves at least one target beyond its threshold
};

// outputs[t][j]: standardised deviations of the fitted statistics at point j of trajectory t.
// noise_sd[k]: replication sd of statistic k in half-ranges; replications: per point.
// A parameter influences target k when mu*_k > max(inert_threshold, 1.6 * n_k), where
// n_k = sqrt(2 / replications) * noise_sd[k] / Delta is the sd of an elementary effect made of
// pure replication noise (1.6 n_k is twice the mean absolute value of such noise). Common random
// numbers make the real noise smaller, so this only errs towards keeping parameters.
ScreeningResult analyse_morris(const std::vector<MorrisTrajectory>& trajectories,
                               const std::vector<std::vector<Eigen::VectorXd>>& outputs,
                               const Eigen::VectorXd& noise_sd, int replications,
                               double inert_threshold);

}  // namespace hubsim::calibration
