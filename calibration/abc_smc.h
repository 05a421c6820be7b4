#pragma once
// The proposals and weights of ABC-SMC (Beaumont et al. 2009; Del Moral et al. 2012 for the
// adaptive tolerance), in the unit cube of the active parameters.
//
// Generation 0 samples a defensive mixture q0 = a * prior + (1 - a) * N(centre, cov) (the
// search stage's optimum and the inverse of the distance's local curvature there): of n / q
// candidates it keeps the n within their q-quantile distance eps_0, weighted prior / q0, an
// importance sample of the prior restricted to distances <= eps_0. Generation t > 0 proposes
// from the previous population perturbed by a Gaussian kernel with the optimal local
// covariance of Filippi et al. (2013) for each particle, accepts candidates whose distance is
// within the tolerance eps_t (the q-quantile of the previous generation's distances) and weights
// them prior / sum_j w_j K_j(theta | theta_j). Points outside the cube are redrawn from the start
// (the proposal is then truncated to the cube by a constant factor that cancels in the weights).
#include <Eigen/Dense>

#include <functional>
#include <vector>

#include "core/counter_rng.h"

namespace hubsim::calibration {

struct AbcPopulation {
  Eigen::MatrixXd particles;  // N x d, unit coordinates
  Eigen::VectorXd weights;    // normalised
  Eigen::VectorXd distances;
  double epsilon = 0;         // tolerance it was accepted under (+inf for generation 0)
};

using LogPrior = std::function<double(const Eigen::VectorXd&)>;
using PriorSampler = std::function<Eigen::VectorXd(Stream&)>;

// Covariance of generation 0's Gaussian at the optimum: the inverse of the distance's local
// curvature A = J' W J / K (a unit step in A's metric moves the squared distance by 1) plus
// I / widest_sd^2, so that no direction is wider than widest_sd (1 = the prior's range).
// J: fitted statistics x active parameters; W: the weighting matrix; K: fitted statistics.
Eigen::MatrixXd initial_proposal_covariance(const Eigen::MatrixXd& jacobian,
                                            const Eigen::MatrixXd& weighting, int fitted,
                                            double widest_sd);

// A proposal: draws a point of the unit cube and gives the log of its (unnormalised, but
// consistently so) density.
class AbcProposal {
 public:
  // Generation 0: defensive mixture of the prior (share `prior_share`) and a Gaussian.
  static AbcProposal initial(PriorSampler sample_prior, LogPrior log_prior,
                             const Eigen::VectorXd& centre, const Eigen::MatrixXd& covariance,
                             double prior_share);
  // Generation t > 0 under tolerance `epsilon`: particle j of the previous population is
  // perturbed by N(0, C + (m - theta_j)(m - theta_j)'), where m and C are the weighted mean and
  // covariance of the previous particles whose distance is within `epsilon` (all of them if
  // fewer than two are): the optimal local covariance (OLCM) of Filippi et al. 2013. It aims the
  // kernel at the region the new tolerance keeps, so a particle far from it explores widely and
  // one inside it stays local; twice the whole population's covariance (Beaumont et al. 2009)
  // stays as wide as the last generation and accepts ever fewer candidates as the tolerance
  // shrinks. C's off-diagonal part is shrunk by (d + 1) / N_kept and every variance is at least
  // 1e-6, so the kernel has full rank with few particles.
  static AbcProposal kernel(const AbcPopulation& previous, double epsilon);

  Eigen::VectorXd sample(Stream& rng) const;
  double log_density(const Eigen::VectorXd& u) const;
  // Generation 0: the Gaussian's covariance. A kernel: the common part C (every component's
  // covariance is C plus a rank-one term).
  const Eigen::MatrixXd& covariance() const { return cov_; }
  // The covariance of mixture component j (generation 0 has one Gaussian component).
  Eigen::MatrixXd component_covariance(Eigen::Index j) const;

 private:
  AbcProposal() = default;
  void add_component(const Eigen::MatrixXd& chol);
  Eigen::VectorXd gaussian_draw(Eigen::Index component, Stream& rng) const;
  double log_gaussian(const Eigen::VectorXd& u, Eigen::Index component) const;

  bool initial_ = false;
  PriorSampler sample_prior_;
  LogPrior log_prior_;
  double prior_share_ = 0;
  Eigen::MatrixXd centres_;  // one row per mixture component (kernel: the particles)
  Eigen::VectorXd log_component_weights_;
  Eigen::MatrixXd cov_;                 // see covariance()
  std::vector<Eigen::MatrixXd> chols_;  // lower Cholesky factor of each component's covariance
  std::vector<double> log_norms_;       // log of each component's normalising constant
  std::vector<double> cumulative_;  // cumulative component weights (kernel)
};

// Importance weights prior / proposal, normalised (log-sum-exp).
Eigen::VectorXd importance_weights(const std::vector<double>& log_prior,
                                   const std::vector<double>& log_proposal);
double effective_sample_size(const Eigen::VectorXd& weights);
// The weighted alpha-quantile of values (smallest v with cumulative weight >= alpha).
double weighted_quantile(const Eigen::VectorXd& values, const Eigen::VectorXd& weights, double alpha);
// Weighted mean and covariance of the rows of x.
Eigen::VectorXd weighted_mean(const Eigen::MatrixXd& x, const Eigen::VectorXd& w);
Eigen::MatrixXd weighted_covariance(const Eigen::MatrixXd& x, const Eigen::VectorXd& w);
// The row of `particles` (with a positive weight) nearest the componentwise weighted median,
// each coordinate measured in its weighted standard deviation: a central point that is a
// sample, so its parameters fit together (componentwise medians need not).
Eigen::Index particle_nearest_median(const Eigen::MatrixXd& particles,
                                     const Eigen::VectorXd& weights);

}  // namespace hubsim::calibration
