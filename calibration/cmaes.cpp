#include "cmaes.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hubsim::calibration {

namespace {

struct Eigensystem {
  Eigen::MatrixXd B;
  Eigen::VectorXd D;  // standard deviations along the axes of B
};

Eigensystem decompose(const Eigen::MatrixXd& C) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(C);
  Eigensystem bd{es.eigenvectors(), es.eigenvalues().cwiseMax(1e-300).cwiseSqrt()};
  return bd;
}

}  // namespace

double mirror_into_unit(double x) {
  if (!std::isfinite(x)) return 0.5;
  double y = std::fmod(std::fabs(x), 2.0);
  return y > 1.0 ? 2.0 - y : y;
}

int CmaEs::default_lambda(int dimension) {
  return 4 + int(std::floor(3.0 * std::log(double(dimension))));
}

CmaEs::CmaEs(int dimension, int lambda) : n_(dimension), lambda_(lambda), mu_(lambda / 2) {
  weights_.resize(mu_);
  for (int i = 0; i < mu_; ++i) weights_[i] = std::log(mu_ + 0.5) - std::log(i + 1.0);
  weights_ /= weights_.sum();
  mueff_ = 1.0 / weights_.squaredNorm();
  const double n = n_;
  cc_ = (4.0 + mueff_ / n) / (n + 4.0 + 2.0 * mueff_ / n);
  cs_ = (mueff_ + 2.0) / (n + mueff_ + 5.0);
  c1_ = 2.0 / ((n + 1.3) * (n + 1.3) + mueff_);
  cmu_ =
      std::min(1.0 - c1_, 2.0 * (mueff_ - 2.0 + 1.0 / mueff_) / ((n + 2.0) * (n + 2.0) + mueff_));
  damps_ = 1.0 + 2.0 * std::max(0.0, std::sqrt((mueff_ - 1.0) / (n + 1.0)) - 1.0) + cs_;
  chin_ = std::sqrt(n) * (1.0 - 1.0 / (4.0 * n) + 1.0 / (21.0 * n * n));
}

CmaState CmaEs::initial_state(const Eigen::VectorXd& x0, double sigma0) const {
  CmaState s;
  s.mean = x0;
  s.sigma = sigma0;
  s.C = Eigen::MatrixXd::Identity(n_, n_);
  s.pc = Eigen::VectorXd::Zero(n_);
  s.ps = Eigen::VectorXd::Zero(n_);
  s.generation = 0;
  return s;
}

std::vector<Eigen::VectorXd> CmaEs::ask(const CmaState& state, StreamKey key) const {
  const Eigensystem bd = decompose(state.C);
  std::vector<Eigen::VectorXd> out;
  for (int k = 0; k < lambda_; ++k) {
    Stream rng(key, Purpose::kCalibrationSearch, uint32_t(state.generation), uint32_t(k));
    Eigen::VectorXd z(n_);
    for (int i = 0; i < n_; ++i) z[i] = rng.normal();
    Eigen::VectorXd x = state.mean + state.sigma * (bd.B * bd.D.cwiseProduct(z));
    for (int i = 0; i < n_; ++i) x[i] = mirror_into_unit(x[i]);
    out.push_back(std::move(x));
  }
  return out;
}

void CmaEs::tell(CmaState& s, const std::vector<Eigen::VectorXd>& xs,
                 const std::vector<double>& values) const {
  std::vector<int> idx(xs.size());
  std::iota(idx.begin(), idx.end(), 0);
  auto key = [&](int i) { return std::isnan(values[size_t(i)]) ? HUGE_VAL : values[size_t(i)]; };
  std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return key(a) < key(b); });

  const Eigensystem bd = decompose(s.C);
  const Eigen::VectorXd old_mean = s.mean;
  Eigen::MatrixXd Y(n_, mu_);
  for (int i = 0; i < mu_; ++i) Y.col(i) = (xs[size_t(idx[size_t(i)])] - old_mean) / s.sigma;
  const Eigen::VectorXd yw = Y * weights_;
  s.mean = old_mean + s.sigma * yw;

  // C^-1/2 yw = B D^-1 B' yw
  const Eigen::VectorXd c_inv_sqrt_yw = bd.B * (bd.B.transpose() * yw).cwiseQuotient(bd.D);
  s.ps = (1.0 - cs_) * s.ps + std::sqrt(cs_ * (2.0 - cs_) * mueff_) * c_inv_sqrt_yw;
  const double ps_norm = s.ps.norm();
  const double hsig_den = std::sqrt(1.0 - std::pow(1.0 - cs_, 2.0 * (s.generation + 1)));
  const bool hsig = ps_norm / hsig_den / chin_ < 1.4 + 2.0 / (n_ + 1.0);
  s.pc = (1.0 - cc_) * s.pc + (hsig ? std::sqrt(cc_ * (2.0 - cc_) * mueff_) : 0.0) * yw;

  Eigen::MatrixXd rank_mu = Eigen::MatrixXd::Zero(n_, n_);
  for (int i = 0; i < mu_; ++i) rank_mu += weights_[i] * Y.col(i) * Y.col(i).transpose();
  const double keep = 1.0 - c1_ - cmu_ + (hsig ? 0.0 : c1_ * cc_ * (2.0 - cc_));
  s.C = keep * s.C + c1_ * s.pc * s.pc.transpose() + cmu_ * rank_mu;
  s.C = 0.5 * (s.C + s.C.transpose());

  s.sigma *= std::exp((cs_ / damps_) * (ps_norm / chin_ - 1.0));
  s.sigma = std::min(s.sigma, 1.0);  // the whole unit cube is the widest sensible spread
  ++s.generation;
}

double CmaEs::spread(const CmaState& state) {
  return state.sigma * std::sqrt(std::max(0.0, state.C.diagonal().maxCoeff()));
}

}  // namespace hubsim::calibration
