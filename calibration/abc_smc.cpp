#include "abc_smc.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <stdexcept>

namespace hubsim::calibration {

namespace {

constexpr int kMaxRedraws = 100000;

bool inside_unit_cube(const Eigen::VectorXd& u) {
  return (u.array() >= 0.0).all() && (u.array() <= 1.0).all();
}

double log_sum_exp(double a, double b) {
  if (a == -HUGE_VAL) return b;
  if (b == -HUGE_VAL) return a;
  const double m = std::max(a, b);
  return m + std::log(std::exp(a - m) + std::exp(b - m));
}

// Lower Cholesky factor of a covariance, with a growing ridge when it is (numerically) singular.
Eigen::MatrixXd robust_cholesky(Eigen::MatrixXd& cov) {
  const Eigen::Index d = cov.rows();
  double ridge = 1e-12;
  for (int attempt = 0; attempt < 40; ++attempt) {
    Eigen::LLT<Eigen::MatrixXd> llt(cov);
    if (llt.info() == Eigen::Success) return llt.matrixL();
    cov += ridge * Eigen::MatrixXd::Identity(d, d);
    ridge *= 10.0;
  }
  throw std::runtime_error("ABC-SMC: proposal covariance is not positive definite");
}

}  // namespace

Eigen::MatrixXd initial_proposal_covariance(const Eigen::MatrixXd& jacobian,
                                            const Eigen::MatrixXd& weighting, int fitted,
                                            double widest_sd) {
  const Eigen::Index d = jacobian.cols();
  Eigen::MatrixXd A = jacobian.transpose() * weighting * jacobian / double(std::max(1, fitted));
  A = 0.5 * (A + A.transpose());
  A += Eigen::MatrixXd::Identity(d, d) / (widest_sd * widest_sd);
  return A.ldlt().solve(Eigen::MatrixXd::Identity(d, d));
}

AbcProposal AbcProposal::initial(PriorSampler sample_prior, LogPrior log_prior,
                                 const Eigen::VectorXd& centre, const Eigen::MatrixXd& covariance,
                                 double prior_share) {
  AbcProposal p;
  p.initial_ = true;
  p.sample_prior_ = std::move(sample_prior);
  p.log_prior_ = std::move(log_prior);
  p.prior_share_ = prior_share;
  p.centres_ = centre.transpose();
  p.log_component_weights_ = Eigen::VectorXd::Zero(1);
  p.cov_ = covariance;
  p.add_component(robust_cholesky(p.cov_));
  return p;
}

AbcProposal AbcProposal::kernel(const AbcPopulation& previous, double epsilon) {
  AbcProposal p;
  p.centres_ = previous.particles;
  p.log_component_weights_ = previous.weights.array().log();
  // The previous particles the new tolerance keeps (with their weights renormalised).
  std::vector<Eigen::Index> kept;
  for (Eigen::Index k = 0; k < previous.particles.rows(); ++k)
    if (previous.distances[k] <= epsilon && previous.weights[k] > 0) kept.push_back(k);
  if (kept.size() < 2) {
    kept.resize(size_t(previous.particles.rows()));
    std::iota(kept.begin(), kept.end(), Eigen::Index(0));
  }
  const Eigen::MatrixXd inside = previous.particles(kept, Eigen::all);
  const Eigen::VectorXd inside_weights = previous.weights(kept);
  const Eigen::VectorXd m = weighted_mean(inside, inside_weights);
  p.cov_ = weighted_covariance(inside, inside_weights);
  // With few particles per dimension the sample covariance is (nearly) singular and the kernel
  // density would be huge on the particles' span and tiny off it, which wrecks the weights:
  // shrink towards the diagonal by (d + 1) / N and keep every sd above 0.001 of the range.
  const double d = double(p.cov_.rows());
  const double lambda = std::min(1.0, (d + 1.0) / double(kept.size()));
  const Eigen::VectorXd diag = p.cov_.diagonal().cwiseMax(1e-6);
  p.cov_ *= 1.0 - lambda;
  p.cov_.diagonal() = diag;
  robust_cholesky(p.cov_);  // adds a ridge to C if it is not numerically positive definite
  const Eigen::LLT<Eigen::MatrixXd> common(p.cov_);
  for (Eigen::Index j = 0; j < previous.particles.rows(); ++j) {
    // chol(C + v v') by a rank-one update of chol(C) (C positive definite, so the sum is).
    Eigen::LLT<Eigen::MatrixXd> llt = common;
    llt.rankUpdate(m - previous.particles.row(j).transpose(), 1.0);
    if (llt.info() != Eigen::Success)
      throw std::runtime_error("ABC-SMC: kernel covariance update failed");
    p.add_component(llt.matrixL());
  }
  p.cumulative_.resize(size_t(previous.weights.size()));
  double run = 0;
  for (Eigen::Index j = 0; j < previous.weights.size(); ++j) p.cumulative_[size_t(j)] = run += previous.weights[j];
  return p;
}

void AbcProposal::add_component(const Eigen::MatrixXd& chol) {
  chols_.push_back(chol);
  log_norms_.push_back(-chol.diagonal().array().log().sum() -
                       0.5 * double(chol.rows()) * std::log(2.0 * std::numbers::pi));
}

Eigen::MatrixXd AbcProposal::component_covariance(Eigen::Index j) const {
  const Eigen::MatrixXd& l = chols_.at(size_t(j));
  return l * l.transpose();
}

Eigen::VectorXd AbcProposal::gaussian_draw(Eigen::Index component, Stream& rng) const {
  const Eigen::MatrixXd& l = chols_[size_t(component)];
  Eigen::VectorXd z(l.rows());
  for (Eigen::Index i = 0; i < z.size(); ++i) z[i] = rng.normal();
  return centres_.row(component).transpose() + l * z;
}

double AbcProposal::log_gaussian(const Eigen::VectorXd& u, Eigen::Index component) const {
  const Eigen::MatrixXd& l = chols_[size_t(component)];
  const Eigen::VectorXd r =
      l.triangularView<Eigen::Lower>().solve(u - centres_.row(component).transpose());
  return log_norms_[size_t(component)] - 0.5 * r.squaredNorm();
}

Eigen::VectorXd AbcProposal::sample(Stream& rng) const {
  for (int attempt = 0; attempt < kMaxRedraws; ++attempt) {
    if (initial_) {
      if (rng.uniform() < prior_share_) return sample_prior_(rng);
      Eigen::VectorXd u = gaussian_draw(0, rng);
      if (inside_unit_cube(u)) return u;
    } else {
      const double pick = rng.uniform() * cumulative_.back();
      const auto j = size_t(std::upper_bound(cumulative_.begin(), cumulative_.end(), pick) -
                            cumulative_.begin());
      const Eigen::Index row = Eigen::Index(std::min(j, cumulative_.size() - 1));
      Eigen::VectorXd u = gaussian_draw(row, rng);
      if (inside_unit_cube(u)) return u;
    }
  }
  throw std::runtime_error("ABC-SMC: the proposal keeps falling outside the parameter bounds");
}

double AbcProposal::log_density(const Eigen::VectorXd& u) const {
  if (initial_) {
    return log_sum_exp(std::log(prior_share_) + log_prior_(u),
                       std::log(1.0 - prior_share_) + log_gaussian(u, 0));
  }
  double acc = -HUGE_VAL;
  for (Eigen::Index j = 0; j < centres_.rows(); ++j)
    acc = log_sum_exp(acc, log_component_weights_[j] + log_gaussian(u, j));
  return acc;
}

Eigen::VectorXd importance_weights(const std::vector<double>& log_prior,
                                   const std::vector<double>& log_proposal) {
  const auto n = Eigen::Index(log_prior.size());
  Eigen::VectorXd lw(n);
  for (Eigen::Index i = 0; i < n; ++i) lw[i] = log_prior[size_t(i)] - log_proposal[size_t(i)];
  const double m = lw.maxCoeff();
  Eigen::VectorXd w = (lw.array() - m).exp();
  return w / w.sum();
}

double effective_sample_size(const Eigen::VectorXd& weights) {
  return weights.sum() * weights.sum() / weights.squaredNorm();
}

double weighted_quantile(const Eigen::VectorXd& values, const Eigen::VectorXd& weights, double alpha) {
  std::vector<Eigen::Index> idx(size_t(values.size()));
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](auto a, auto b) { return values[a] < values[b]; });
  const double total = weights.sum();
  double run = 0;
  for (auto i : idx) {
    run += weights[i];
    if (run >= alpha * total) return values[i];
  }
  return values[idx.back()];
}

Eigen::VectorXd weighted_mean(const Eigen::MatrixXd& x, const Eigen::VectorXd& w) {
  return (x.transpose() * w) / w.sum();
}

Eigen::MatrixXd weighted_covariance(const Eigen::MatrixXd& x, const Eigen::VectorXd& w) {
  const Eigen::VectorXd mean = weighted_mean(x, w);
  const Eigen::MatrixXd c = x.rowwise() - mean.transpose();
  const double sw = w.sum();
  const double denom = sw - w.squaredNorm() / sw;  // unbiased for reliability weights
  return (c.transpose() * w.asDiagonal() * c) / (denom > 0 ? denom : sw);
}

Eigen::Index particle_nearest_median(const Eigen::MatrixXd& particles,
                                     const Eigen::VectorXd& weights) {
  const Eigen::Index d = particles.cols();
  Eigen::VectorXd median(d), scale(d);
  const Eigen::VectorXd sd = weighted_covariance(particles, weights).diagonal().cwiseSqrt();
  for (Eigen::Index j = 0; j < d; ++j) {
    median[j] = weighted_quantile(particles.col(j), weights, 0.5);
    // A coordinate with no spread cannot tell particles apart.
    scale[j] = sd[j] > 0 ? 1.0 / sd[j] : 0.0;
  }
  Eigen::Index best = -1;
  double best_distance = 0;
  for (Eigen::Index i = 0; i < particles.rows(); ++i) {
    if (!(weights[i] > 0)) continue;
    const double distance =
        ((particles.row(i).transpose() - median).cwiseProduct(scale)).squaredNorm();
    if (best < 0 || distance < best_distance) best = i, best_distance = distance;
  }
  if (best < 0) throw std::logic_error("particle_nearest_median: no particle has a positive weight");
  return best;
}

}  // namespace hubsim::calibration
