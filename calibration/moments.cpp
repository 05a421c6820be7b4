#include "moments.h"

#include <cmath>
#include <limits>
#include <unordered_map>

namespace hubsim::calibration {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

std::vector<std::string> MomentSet::all_keys() const {
  std::vector<std::string> keys = fit_keys;
  keys.insert(keys.end(), check_keys.begin(), check_keys.end());
  return keys;
}

MomentSet make_moment_set(const TargetSet& targets, double deviation_cap) {
  MomentSet m;
  m.deviation_cap = deviation_cap;
  std::vector<const Target*> fit;
  for (const auto& t : targets.targets) {
    if (t.role == TargetRole::kFit) {
      fit.push_back(&t);
      m.fit_keys.push_back(t.stat);
    } else {
      m.check_keys.push_back(t.stat);
    }
  }
  const auto n = Eigen::Index(fit.size());
  m.centre.resize(n);
  m.half_width.resize(n);
  m.weight.resize(n);
  m.lo.resize(n);
  m.hi.resize(n);
  for (Eigen::Index k = 0; k < n; ++k) {
    const Target& t = *fit[size_t(k)];
    m.lo[k] = t.lo;
    m.hi[k] = t.hi;
    m.log_transform.push_back(t.log_transform);
    const double lo = t.log_transform ? std::log(t.lo) : t.lo;
    const double hi = t.log_transform ? std::log(t.hi) : t.hi;
    m.centre[k] = 0.5 * (lo + hi);
    // A degenerate range [x, x] still needs a scale: a millionth of its size (or of 1).
    m.half_width[k] = std::max(0.5 * (hi - lo), 1e-6 * std::max(1.0, std::fabs(m.centre[k])));
    m.weight[k] = t.weight;
  }
  return m;
}

Eigen::VectorXd extract_statistics(const std::vector<Statistic>& stats,
                                   const std::vector<std::string>& keys) {
  std::unordered_map<std::string_view, double> by_key;
  by_key.reserve(stats.size());
  for (const auto& s : stats) by_key.emplace(s.key, s.value);
  Eigen::VectorXd out(Eigen::Index(keys.size()));
  for (size_t k = 0; k < keys.size(); ++k) {
    auto it = by_key.find(keys[k]);
    out[Eigen::Index(k)] = it == by_key.end() ? kNaN : it->second;
  }
  return out;
}

Eigen::MatrixXd transformed_fit(const MomentSet& moments, const Eigen::MatrixXd& reps) {
  const auto k = Eigen::Index(moments.fit_count());
  Eigen::MatrixXd out = reps.leftCols(k);
  for (Eigen::Index c = 0; c < k; ++c) {
    if (!moments.log_transform[size_t(c)]) continue;
    const double floor = 1e-3 * moments.lo[c];
    for (Eigen::Index i = 0; i < out.rows(); ++i)
      if (std::isfinite(out(i, c))) out(i, c) = std::log(std::max(out(i, c), floor));
  }
  return out;
}

Eigen::VectorXd finite_column_means(const Eigen::MatrixXd& reps) {
  Eigen::VectorXd out(reps.cols());
  for (Eigen::Index k = 0; k < reps.cols(); ++k) {
    double sum = 0;
    int n = 0;
    for (Eigen::Index i = 0; i < reps.rows(); ++i)
      if (std::isfinite(reps(i, k))) {
        sum += reps(i, k);
        ++n;
      }
    out[k] = n > 0 ? sum / n : kNaN;
  }
  return out;
}

Eigen::VectorXd finite_column_sds(const Eigen::MatrixXd& reps) {
  const Eigen::VectorXd mean = finite_column_means(reps);
  Eigen::VectorXd out(reps.cols());
  for (Eigen::Index k = 0; k < reps.cols(); ++k) {
    double ss = 0;
    int n = 0;
    for (Eigen::Index i = 0; i < reps.rows(); ++i)
      if (std::isfinite(reps(i, k))) {
        ss += (reps(i, k) - mean[k]) * (reps(i, k) - mean[k]);
        ++n;
      }
    out[k] = n > 1 ? std::sqrt(ss / (n - 1)) : 0.0;
  }
  return out;
}

Eigen::MatrixXd shrunk_covariance(const Eigen::MatrixXd& reps) {
  const Eigen::Index n = reps.rows(), p = reps.cols();
  Eigen::MatrixXd x = reps;
  const Eigen::VectorXd mean = finite_column_means(reps);
  for (Eigen::Index k = 0; k < p; ++k)
    for (Eigen::Index i = 0; i < n; ++i)
      if (!std::isfinite(x(i, k))) x(i, k) = std::isfinite(mean[k]) ? mean[k] : 0.0;
  if (n < 2) return Eigen::MatrixXd::Zero(p, p);
  const Eigen::RowVectorXd mu = x.colwise().mean();
  const Eigen::MatrixXd c = x.rowwise() - mu;
  const Eigen::MatrixXd S = c.transpose() * c / double(n - 1);
  // Schafer & Strimmer (2005), target D (diagonal): shrink the correlations towards 0 with
  // intensity sum Var(r_ij) / sum r_ij^2 over i != j, estimated from the standardised data.
  Eigen::VectorXd sd(p);
  for (Eigen::Index k = 0; k < p; ++k) sd[k] = S(k, k) > 0 ? std::sqrt(S(k, k)) : 0.0;
  Eigen::MatrixXd z = c;
  for (Eigen::Index k = 0; k < p; ++k) {
    if (sd[k] > 0) {
      z.col(k) /= sd[k];
    } else {
      z.col(k).setZero();
    }
  }
  double num = 0, den = 0;
  const double f = double(n) / double((n - 1) * (n - 1) * (n - 1));
  for (Eigen::Index i = 0; i < p; ++i)
    for (Eigen::Index j = 0; j < p; ++j) {
      if (i == j || sd[i] == 0 || sd[j] == 0) continue;
      const Eigen::ArrayXd w = z.col(i).array() * z.col(j).array();
      const double wbar = w.mean();
      const double r = wbar * double(n) / double(n - 1);
      num += f * (w - wbar).square().sum();
      den += r * r;
    }
  const double lambda = den > 0 ? std::clamp(num / den, 0.0, 1.0) : 1.0;
  Eigen::MatrixXd out = S * (1.0 - lambda);
  out.diagonal() = S.diagonal();
  return out;
}

Eigen::MatrixXd weighting_matrix(const MomentSet& moments, const Eigen::MatrixXd& reps,
                                 int replications_per_candidate) {
  const auto k = Eigen::Index(moments.fit_count());
  // In half-range units: V = diag(1 / weight) + H^-1 S H^-1 / R, H = diag(half_width).
  const Eigen::VectorXd inv_h = moments.half_width.cwiseInverse();
  Eigen::MatrixXd V =
      inv_h.asDiagonal() * shrunk_covariance(transformed_fit(moments, reps)) * inv_h.asDiagonal();
  V /= double(std::max(1, replications_per_candidate));
  for (Eigen::Index i = 0; i < k; ++i) V(i, i) += 1.0 / std::max(moments.weight[i], 1e-12);
  // Symmetric positive definite: the diagonal part is positive, the covariance semi-definite.
  return V.ldlt().solve(Eigen::MatrixXd::Identity(k, k));
}

Eigen::VectorXd standardised_deviation(const MomentSet& moments, const Eigen::MatrixXd& reps) {
  const auto k = Eigen::Index(moments.fit_count());
  const Eigen::VectorXd mean = finite_column_means(transformed_fit(moments, reps));
  Eigen::VectorXd d(k);
  for (Eigen::Index i = 0; i < k; ++i)
    d[i] = std::isfinite(mean[i]) ? (mean[i] - moments.centre[i]) / moments.half_width[i]
                                  : kMissingMomentPenalty;
  if (moments.deviation_cap > 0)
    d = d.cwiseMax(-moments.deviation_cap).cwiseMin(moments.deviation_cap);
  return d;
}

double msm_distance(const MomentSet& moments, const Eigen::MatrixXd& W,
                    const Eigen::MatrixXd& reps) {
  const Eigen::VectorXd z = standardised_deviation(moments, reps);
  const double q = z.dot(W * z);
  return std::sqrt(std::max(0.0, q) / double(std::max<size_t>(1, moments.fit_count())));
}

}  // namespace hubsim::calibration
