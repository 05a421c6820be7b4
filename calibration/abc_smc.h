#pragma once
// ABC-SMC in the unit cube of the active parameters: the sampler of Del Moral, Doucet & Jasra
// (2012), whose weights do not depend on kernel densities.
//
// Generation 0 samples a defensive mixture q0 = a * prior + (1 - a) * N(centre, cov) (the
// search stage's optimum and the inverse of the distance's local curvature there): of n / q
// candidates it keeps the n within their q-quantile distance eps_0, weighted prior / q0, an
// importance sample of the prior restricted to distances <= eps_0.
// Generation t > 0: (1) the tolerance eps_t is the one at which the particles still within it
// keep a share q of the population's effective sample size (next_tolerance); (2) those particles
// are resampled to n with equal weights (systematic_resample); (3) every particle makes a few
// Metropolis-Hastings moves (propose_move, accept_move) whose stationary law is the prior
// restricted to distances <= eps_t, with a Gaussian random walk in logit coordinates scaled from
// the kept particles' covariance (move_cholesky), as many sweeps as the last generation's
// acceptance asks for (planned_sweeps). Every step leaves that law invariant, so the population
// stays an equally weighted sample of it: the weights cannot degenerate. What the moves must
// supply is diversity, reported as the number of distinct particles.
// With common random numbers a candidate's distance is a deterministic function of its
// parameters, so the ABC posterior is exactly the prior restricted to {distance <= eps}.
#include <Eigen/Dense>

#include <functional>
#include <vector>

#include "core/counter_rng.h"

namespace hubsim::calibration {

struct AbcPopulation {
  Eigen::MatrixXd particles;  // N x d, unit coordinates
  Eigen::VectorXd weights;    // normalised
  Eigen::VectorXd distances;
  double epsilon = 0;  // tolerance it was accepted under
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

  Eigen::VectorXd sample(Stream& rng) const;
  double log_density(const Eigen::VectorXd& u) const;
  // The Gaussian component's covariance.
  const Eigen::MatrixXd& covariance() const { return cov_; }

 private:
  AbcProposal() = default;
  double log_gaussian(const Eigen::VectorXd& u) const;

  PriorSampler sample_prior_;
  LogPrior log_prior_;
  double prior_share_ = 0;
  Eigen::VectorXd centre_;
  Eigen::MatrixXd cov_;   // see covariance()
  Eigen::MatrixXd chol_;  // its lower Cholesky factor
  double log_norm_ = 0;   // log of the Gaussian's normalising constant
};

// ---- generations t > 0: reweight, resample, move ---------------------------------------------

// The next tolerance: the smallest distance of the population at which the particles within it
// keep an effective sample size of at least `ess_share` times the population's (Del Moral et
// al. 2012; with equal weights, the ess_share-quantile of the distances), never below `floor`,
// and at least two particles' worth.
double next_tolerance(const AbcPopulation& population, double ess_share, double floor);

// Systematic resampling: n indices into `weights` (normalised or not), each index i drawn about
// n * w_i times, from one uniform `u` in [0, 1). Sorted ascending.
std::vector<Eigen::Index> systematic_resample(const Eigen::VectorXd& weights, int n, double u);

// The moves walk in logit coordinates y_i = log(u_i / (1 - u_i)) of the unit cube, where its
// bounds are infinitely far: a Gaussian step there never leaves the cube (with a walk in u, most
// proposals of the 2026-12-04 production run left it, near parameters at their bounds, and were
// wasted), and the step shrinks in u near a bound. The target in y carries the Jacobian
// prod_i u_i (1 - u_i), which the acceptance rule includes. u is clamped into
// [1e-12, 1 - 1e-12] first, so a particle on a bound has a finite logit.
Eigen::VectorXd to_logit(const Eigen::VectorXd& u);
// log prod_i u_i (1 - u_i), with the same clamp.
double log_logit_jacobian(const Eigen::VectorXd& u);

// The random-walk covariance of the moves under tolerance `epsilon`, in logit coordinates:
// (2.38^2 / d) times the weighted covariance of the logits of the population's particles within
// it (Roberts & Rosenthal's scaling), its off-diagonal part shrunk by (d + 1) / (particles kept)
// and every variance at least 1e-6, so it has full rank with few particles. Returns the lower
// Cholesky factor.
Eigen::MatrixXd move_cholesky(const AbcPopulation& population, double epsilon);

// A Metropolis-Hastings proposal: logit(to) = logit(from) + L z, and the log of the uniform
// that decides.
struct MoveProposal {
  Eigen::VectorXd to;
  bool inside = false;  // strictly inside the cube (false only if the logistic rounds to a bound)
  double log_jacobian_ratio = 0;  // log_logit_jacobian(to) - log_logit_jacobian(from)
  double log_uniform = 0;
};
MoveProposal propose_move(const Eigen::VectorXd& from, const Eigen::MatrixXd& cholesky,
                          Stream& rng);
// Whether the move is accepted under the ABC posterior at tolerance epsilon: the walk is
// symmetric in logit coordinates, so the ratio is the prior's times the Jacobian's, times the
// indicator of the new distance.
bool accept_move(const MoveProposal& move, double log_prior_from, double log_prior_to,
                 double distance_to, double epsilon);

// Metropolis-Hastings sweeps for a generation whose previous generation accepted a share
// `acceptance` of its moves: enough that a particle stays where it was resampled with
// probability at most `stay` (Drovandi & Pettitt 2011: ceil(log stay / log(1 - acceptance))),
// within [fewest, most].
int planned_sweeps(double acceptance, double stay, int fewest, int most);

// Rows of `particles` that differ from every earlier row.
int distinct_rows(const Eigen::MatrixXd& particles);

// Importance weights prior / proposal, normalised (log-sum-exp).
Eigen::VectorXd importance_weights(const std::vector<double>& log_prior,
                                   const std::vector<double>& log_proposal);
double effective_sample_size(const Eigen::VectorXd& weights);
// The weighted alpha-quantile of values (smallest v with cumulative weight >= alpha).
double weighted_quantile(const Eigen::VectorXd& values, const Eigen::VectorXd& weights,
                         double alpha);
// Weighted mean and covariance of the rows of x.
Eigen::VectorXd weighted_mean(const Eigen::MatrixXd& x, const Eigen::VectorXd& w);
Eigen::MatrixXd weighted_covariance(const Eigen::MatrixXd& x, const Eigen::VectorXd& w);
// The row of `particles` (with a positive weight) nearest the componentwise weighted median,
// each coordinate measured in its weighted standard deviation: a central point that is a
// sample, so its parameters fit together (componentwise medians need not).
Eigen::Index particle_nearest_median(const Eigen::MatrixXd& particles,
                                     const Eigen::VectorXd& weights);

}  // namespace hubsim::calibration
