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
constexpr double kLogitClamp = 1e-12;  // unit coordinates, see to_logit

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

Eigen::VectorXd standard_normal(Eigen::Index d, Stream& rng) {
  Eigen::VectorXd z(d);
  for (Eigen::Index i = 0; i < d; ++i) z[i] = rng.normal();
  return z;
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
  p.sample_prior_ = std::move(sample_prior);
  p.log_prior_ = std::move(log_prior);
  p.prior_share_ = prior_share;
  p.centre_ = centre;
  p.cov_ = covariance;
  p.chol_ = robust_cholesky(p.cov_);
  p.log_norm_ = -p.chol_.diagonal().array().log().sum() -
                0.5 * double(p.chol_.rows()) * std::log(2.0 * std::numbers::pi);
  return p;
}

double AbcProposal::log_gaussian(const Eigen::VectorXd& u) const {
  const Eigen::VectorXd r = chol_.triangularView<Eigen::Lower>().solve(u - centre_);
  return log_norm_ - 0.5 * r.squaredNorm();
}

Eigen::VectorXd AbcProposal::sample(Stream& rng) const {
  for (int attempt = 0; attempt < kMaxRedraws; ++attempt) {
    if (rng.uniform() < prior_share_) return sample_prior_(rng);
    Eigen::VectorXd u = centre_ + chol_ * standard_normal(centre_.size(), rng);
    if (inside_unit_cube(u)) return u;
  }
  throw std::runtime_error("ABC-SMC: the proposal keeps falling outside the parameter bounds");
}

double AbcProposal::log_density(const Eigen::VectorXd& u) const {
  return log_sum_exp(std::log(prior_share_) + log_prior_(u),
                     std::log(1.0 - prior_share_) + log_gaussian(u));
}

double next_tolerance(const AbcPopulation& population, double ess_share, double floor) {
  const Eigen::VectorXd& d = population.distances;
  const Eigen::VectorXd& w = population.weights;
  std::vector<Eigen::Index> order(size_t(d.size()));
  std::iota(order.begin(), order.end(), Eigen::Index(0));
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return d[a] < d[b]; });
  const double wanted = ess_share * effective_sample_size(w);
  double sum = 0, sum_sq = 0;
  for (size_t k = 0; k < order.size(); ++k) {
    const Eigen::Index i = order[k];
    sum += w[i];
    sum_sq += w[i] * w[i];
    // Particles tied with the next one are kept or dropped together.
    if (k + 1 < order.size() && d[order[k + 1]] == d[i]) continue;
    if (k >= 1 && sum_sq > 0 && sum * sum / sum_sq >= wanted) return std::max(floor, d[i]);
  }
  return std::max(floor, d[order.back()]);
}

std::vector<Eigen::Index> systematic_resample(const Eigen::VectorXd& weights, int n, double u) {
  std::vector<Eigen::Index> picks;
  picks.reserve(size_t(n));
  const double total = weights.sum();
  if (!(total > 0)) throw std::logic_error("systematic_resample: no positive weight");
  double cumulative = 0;
  Eigen::Index i = 0;
  for (int k = 0; k < n; ++k) {
    const double point = (double(k) + u) / double(n) * total;
    while (i + 1 < weights.size() && cumulative + weights[i] <= point) cumulative += weights[i++];
    picks.push_back(i);
  }
  return picks;
}

Eigen::VectorXd to_logit(const Eigen::VectorXd& u) {
  const Eigen::ArrayXd c = u.array().cwiseMax(kLogitClamp).cwiseMin(1.0 - kLogitClamp);
  return (c / (1.0 - c)).log().matrix();
}

double log_logit_jacobian(const Eigen::VectorXd& u) {
  const Eigen::ArrayXd c = u.array().cwiseMax(kLogitClamp).cwiseMin(1.0 - kLogitClamp);
  return (c.log() + (1.0 - c).log()).sum();
}

Eigen::MatrixXd move_cholesky(const AbcPopulation& population, double epsilon) {
  std::vector<Eigen::Index> kept;
  for (Eigen::Index k = 0; k < population.particles.rows(); ++k)
    if (population.distances[k] <= epsilon && population.weights[k] > 0) kept.push_back(k);
  if (kept.size() < 2) {
    kept.resize(size_t(population.particles.rows()));
    std::iota(kept.begin(), kept.end(), Eigen::Index(0));
  }
  Eigen::MatrixXd logits(Eigen::Index(kept.size()), population.particles.cols());
  for (size_t k = 0; k < kept.size(); ++k)
    logits.row(Eigen::Index(k)) =
        to_logit(population.particles.row(kept[k]).transpose()).transpose();
  Eigen::MatrixXd cov = weighted_covariance(logits, population.weights(kept));
  // With few particles per dimension the sample covariance is (nearly) singular and the walk
  // would never leave the particles' span: shrink towards the diagonal and floor the variances.
  const double d = double(cov.rows());
  const double lambda = std::min(1.0, (d + 1.0) / double(kept.size()));
  const Eigen::VectorXd diag = cov.diagonal().cwiseMax(1e-6);
  cov *= 1.0 - lambda;
  cov.diagonal() = diag;
  cov *= 2.38 * 2.38 / d;
  return robust_cholesky(cov);
}

MoveProposal propose_move(const Eigen::VectorXd& from, const Eigen::MatrixXd& cholesky,
                          Stream& rng) {
  MoveProposal m;
  const Eigen::ArrayXd y = (to_logit(from) + cholesky * standard_normal(from.size(), rng)).array();
  m.to = (1.0 / (1.0 + (-y).exp())).matrix();
  m.inside = (m.to.array() > 0.0).all() && (m.to.array() < 1.0).all();
  m.log_jacobian_ratio = log_logit_jacobian(m.to) - log_logit_jacobian(from);
  // 1 - uniform() is in (0, 1]: its logarithm is finite.
  m.log_uniform = std::log(1.0 - rng.uniform());
  return m;
}

bool accept_move(const MoveProposal& move, double log_prior_from, double log_prior_to,
                 double distance_to, double epsilon) {
  return move.inside && distance_to <= epsilon &&
         move.log_uniform <= log_prior_to - log_prior_from + move.log_jacobian_ratio;
}

int planned_sweeps(double acceptance, double stay, int fewest, int most) {
  if (!(acceptance > 0)) return most;
  if (acceptance >= 1) return fewest;
  const double sweeps = std::ceil(std::log(stay) / std::log1p(-acceptance));
  return int(std::clamp(sweeps, double(fewest), double(most)));
}

int distinct_rows(const Eigen::MatrixXd& particles) {
  int distinct = 0;
  for (Eigen::Index i = 0; i < particles.rows(); ++i) {
    bool seen = false;
    for (Eigen::Index j = 0; j < i && !seen; ++j) seen = particles.row(j) == particles.row(i);
    distinct += !seen;
  }
  return distinct;
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

double weighted_quantile(const Eigen::VectorXd& values, const Eigen::VectorXd& weights,
                         double alpha) {
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
  if (best < 0)
    throw std::logic_error("particle_nearest_median: no particle has a positive weight");
  return best;
}

}  // namespace hubsim::calibration
