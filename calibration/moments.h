#pragma once
// The moments of the method of simulated moments: the fitted targets' statistics, averaged over
// a candidate's replications, compared with the centres of the published ranges.
//
// distance(theta) = sqrt( z' W z / K ),  z_k = (mean_k(theta) - centre_k) / half_width_k,
// where a target with transform = "log" is compared on log(value): its mean is the mean of the
// logs and its centre and half-width are those of [log lo, log hi];
// W = ( diag(1 / weight_k) + H^-1 S H^-1 / R )^-1,  H = diag(half_width_k),
// S = the covariance of the statistics over replications (shrunk towards its diagonal), R = the
// replications per candidate; everything is in half-range units. A distance of 1 means "on average
// one half-range off"; the replication variance down-weights statistics that are noisy in the
// simulation.
#include <Eigen/Dense>

#include <string>
#include <vector>

#include "stats/statistics.h"
#include "targets.h"

namespace hubsim::calibration {

// Stand-in deviation, in half-ranges, of a fitted statistic that no replication produced.
inline constexpr double kMissingMomentPenalty = 10.0;

struct MomentSet {
  std::vector<std::string> fit_keys;    // role = fit, in targets-file order
  std::vector<std::string> check_keys;  // role = check
  Eigen::VectorXd centre;               // fit: midpoint of the (transformed) range
  Eigen::VectorXd half_width;           // fit: half the (transformed) range, floored above 0
  Eigen::VectorXd weight;               // fit: target weight
  Eigen::VectorXd lo, hi;               // fit: the range as published
  std::vector<bool> log_transform;      // fit: compared on log(value)
  // > 0: every deviation z_k is clipped to [-cap, cap] (a robust distance: a statistic the model
  // cannot reach costs at most cap^2 and stops pulling the other parameters); 0: no cap.
  double deviation_cap = 0;

  size_t fit_count() const { return fit_keys.size(); }
  // All statistic keys a replication must provide: fit keys then check keys.
  std::vector<std::string> all_keys() const;
};

MomentSet make_moment_set(const TargetSet& targets, double deviation_cap = 0);

// The values of `keys` in one replication's statistics (NaN where absent).
Eigen::VectorXd extract_statistics(const std::vector<Statistic>& stats,
                                   const std::vector<std::string>& keys);

// The fitted columns (the first fit_count()) of replications, log-transformed where the target
// says so (values <= 0 count as 1/1000 of the range's lower end).
Eigen::MatrixXd transformed_fit(const MomentSet& moments, const Eigen::MatrixXd& reps);

// Column means over the finite entries (NaN where a column has none).
Eigen::VectorXd finite_column_means(const Eigen::MatrixXd& reps);
// Column standard deviations (n - 1) over the finite entries (0 below two values).
Eigen::VectorXd finite_column_sds(const Eigen::MatrixXd& reps);

// Covariance of the columns of `reps` (rows = replications), NaN entries replaced by their
// column mean, shrunk towards its diagonal with the Schafer-Strimmer intensity.
Eigen::MatrixXd shrunk_covariance(const Eigen::MatrixXd& reps);

// W (half-range units) from replications (only the first fit_count() columns are used).
Eigen::MatrixXd weighting_matrix(const MomentSet& moments, const Eigen::MatrixXd& reps,
                                 int replications_per_candidate);

// Deviations in half-ranges: (mean - centre) / half_width per fitted statistic (a missing
// statistic counts kMissingMomentPenalty), clipped to +-deviation_cap when it is set.
Eigen::VectorXd standardised_deviation(const MomentSet& moments, const Eigen::MatrixXd& reps);

// The MSM distance of a candidate's replications (rows) under weighting matrix W.
double msm_distance(const MomentSet& moments, const Eigen::MatrixXd& W,
                    const Eigen::MatrixXd& reps);

}  // namespace hubsim::calibration
