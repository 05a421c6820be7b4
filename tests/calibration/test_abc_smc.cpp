// ABC-SMC proposals and weights on toy problems with known answers.
#include <catch2/catch.hpp>

#include <cmath>

#include "calibration/abc_smc.h"

using namespace hubsim;
using namespace hubsim::calibration;

namespace {

const StreamKey kKey = StreamKey::derive(21, 0);

PriorSampler uniform_sampler(int d) {
  return [d](Stream& rng) {
    Eigen::VectorXd u(d);
    for (int i = 0; i < d; ++i) u[i] = rng.uniform();
    return u;
  };
}

double uniform_log_prior(const Eigen::VectorXd& u) {
  return (u.array() >= 0).all() && (u.array() <= 1).all() ? 0.0 : -HUGE_VAL;
}

}  // namespace

TEST_CASE("abc-smc: importance weights of the first proposal reproduce the prior", "[calibration]") {
  Eigen::MatrixXd cov = 0.02 * Eigen::MatrixXd::Identity(2, 2);
  Eigen::VectorXd centre(2);
  centre << 0.3, 0.6;
  const AbcProposal q = AbcProposal::initial(uniform_sampler(2), uniform_log_prior, centre, cov, 0.3);
  const int n = 6000;
  Eigen::MatrixXd x(n, 2);
  std::vector<double> lp, lq;
  for (int i = 0; i < n; ++i) {
    Stream rng(kKey, Purpose::kCalibrationPosterior, 0, uint32_t(i));
    x.row(i) = q.sample(rng).transpose();
    lp.push_back(uniform_log_prior(x.row(i).transpose()));
    lq.push_back(q.log_density(x.row(i).transpose()));
  }
  const Eigen::VectorXd w = importance_weights(lp, lq);
  CHECK(w.sum() == Approx(1.0));
  // Unweighted the sample is pulled towards the centre; weighted it is uniform on the square.
  CHECK(x.col(0).mean() < 0.45);
  const Eigen::VectorXd m = weighted_mean(x, w);
  CHECK(m[0] == Approx(0.5).margin(0.02));
  CHECK(m[1] == Approx(0.5).margin(0.02));
  const Eigen::MatrixXd c = weighted_covariance(x, w);
  CHECK(c(0, 0) == Approx(1.0 / 12.0).epsilon(0.1));
}

TEST_CASE("abc-smc: the population converges to the prior restricted to the tolerance ball",
          "[calibration]") {
  // Simulator y = theta, observed y* = (0.35, 0.6): the ABC posterior under tolerance eps is
  // the uniform prior restricted to the disc of radius eps around y*, for which
  // E|theta - y*|^2 = eps^2 / 2. Kernel proposals crowd the centre; only correct weights make
  // the weighted population uniform on the disc.
  Eigen::VectorXd target(2);
  target << 0.35, 0.6;
  auto distance = [&](const Eigen::VectorXd& u) { return (u - target).norm(); };
  const int n = 400;
  AbcPopulation pop;
  for (int g = 0; g < 6; ++g) {
    const double eps = g == 0 ? HUGE_VAL : weighted_quantile(pop.distances, pop.weights, 0.5);
    const AbcProposal q = g == 0 ? AbcProposal::initial(uniform_sampler(2), uniform_log_prior,
                                                        Eigen::VectorXd::Constant(2, 0.5),
                                                        0.1 * Eigen::MatrixXd::Identity(2, 2), 0.3)
                                 : AbcProposal::kernel(pop, eps);
    AbcPopulation next;
    next.particles.resize(n, 2);
    next.distances.resize(n);
    std::vector<double> lp, lq;
    int accepted = 0;
    for (uint32_t c = 0; accepted < n; ++c) {
      REQUIRE(c < 100000);
      Stream rng(kKey, Purpose::kCalibrationPosterior, uint32_t(g), c);
      const Eigen::VectorXd u = q.sample(rng);
      const double d = distance(u);
      if (!(d <= eps)) continue;
      next.particles.row(accepted) = u.transpose();
      next.distances[accepted] = d;
      lp.push_back(uniform_log_prior(u));
      lq.push_back(q.log_density(u));
      ++accepted;
    }
    next.weights = importance_weights(lp, lq);
    next.epsilon = eps;
    pop = next;
  }
  const double eps = pop.epsilon;
  REQUIRE(eps < 0.1);
  CHECK(pop.distances.maxCoeff() <= eps);
  const Eigen::VectorXd m = weighted_mean(pop.particles, pop.weights);
  CHECK((m - target).norm() < 0.1 * eps);
  const double second_moment = pop.weights.dot(pop.distances.cwiseProduct(pop.distances));
  CHECK(second_moment == Approx(eps * eps / 2.0).epsilon(0.12));
  CHECK(effective_sample_size(pop.weights) > n / 4.0);
}

TEST_CASE("abc-smc: weighted quantiles and effective sample size", "[calibration]") {
  Eigen::VectorXd v(4), w(4);
  v << 4, 1, 3, 2;
  w << 0.1, 0.4, 0.1, 0.4;
  CHECK(weighted_quantile(v, w, 0.5) == 2.0);
  CHECK(weighted_quantile(v, w, 0.3) == 1.0);
  CHECK(weighted_quantile(v, w, 1.0) == 4.0);
  CHECK(effective_sample_size(Eigen::VectorXd::Constant(10, 0.1)) == Approx(10.0));
  Eigen::VectorXd one = Eigen::VectorXd::Zero(10);
  one[3] = 1.0;
  CHECK(effective_sample_size(one) == Approx(1.0));
}

TEST_CASE("abc-smc: the point estimate is the weighted particle nearest the median, in sds",
          "[calibration]") {
  // Componentwise medians (0, 0). Particle 2 is nearest in raw units (0.3) but 2 sds away in
  // y; particle 1 is 5 units away in x, where the spread is about 13. Particle 5 sits on the
  // median with weight zero: not a posterior sample.
  Eigen::MatrixXd x(6, 2);
  x << -20, 0.0, 5, 0.0, 0, 0.3, 20, -0.1, -4, 0.1, 0, 0.0;
  Eigen::VectorXd w(6);
  w << 0.2, 0.2, 0.2, 0.2, 0.2, 0.0;
  CHECK(particle_nearest_median(x, w) == 1);
  // With a wide spread in y too (particle 3 at y = -3; the medians stay), particle 2 is nearest.
  x(3, 1) = -3;
  CHECK(particle_nearest_median(x, w) == 2);
}

TEST_CASE("abc-smc: a kernel from few particles in many dimensions stays full rank", "[calibration]") {
  // 6 particles in 10 dimensions: the sample covariance has rank 5.
  AbcPopulation pop;
  pop.particles.resize(6, 10);
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 10; ++j) {
      Stream rng(kKey, Purpose::kCalibrationPosterior, 99, uint32_t(i * 10 + j));
      pop.particles(i, j) = 0.4 + 0.2 * rng.uniform();
    }
  pop.weights = Eigen::VectorXd::Constant(6, 1.0 / 6.0);
  pop.distances = Eigen::VectorXd::Ones(6);
  const AbcProposal q = AbcProposal::kernel(pop, HUGE_VAL);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(q.covariance());
  CHECK(es.eigenvalues().minCoeff() > 1e-4 * es.eigenvalues().maxCoeff());
  Stream rng(kKey, Purpose::kCalibrationPosterior, 100, 0);
  const Eigen::VectorXd u = q.sample(rng);
  CHECK(std::isfinite(q.log_density(u)));
}

TEST_CASE(
    "abc-smc: the kernel's covariance is local and aimed at the particles the tolerance keeps",
    "[calibration]") {
  // Five particles in 2-D; the last two are beyond the tolerance 1.0. OLCM: component j's
  // covariance is C + (m - theta_j)(m - theta_j)' with m and C the weighted mean and
  // covariance of the three kept particles (C's off-diagonal part shrunk by (d + 1) / 3 = 1).
  AbcPopulation pop;
  pop.particles.resize(5, 2);
  pop.particles << 0.40, 0.50, 0.50, 0.55, 0.45, 0.40, 0.90, 0.10, 0.10, 0.90;
  pop.weights.resize(5);
  pop.weights << 0.3, 0.2, 0.2, 0.2, 0.1;
  pop.distances.resize(5);
  pop.distances << 0.5, 0.8, 1.0, 2.0, 3.0;
  const AbcProposal q = AbcProposal::kernel(pop, 1.0);
  const std::vector<Eigen::Index> kept{0, 1, 2};
  const Eigen::MatrixXd inside = pop.particles(kept, Eigen::all);
  const Eigen::VectorXd w = pop.weights(kept);
  const Eigen::VectorXd m = weighted_mean(inside, w);
  Eigen::MatrixXd c = weighted_covariance(inside, w);
  c(0, 1) = c(1, 0) = 0.0;
  for (Eigen::Index j = 0; j < 5; ++j) {
    const Eigen::VectorXd v = m - pop.particles.row(j).transpose();
    const Eigen::MatrixXd expected = c + v * v.transpose();
    CHECK((q.component_covariance(j) - expected).cwiseAbs().maxCoeff() < 1e-12);
  }
  // A far particle explores more widely than one near the kept region's mean.
  CHECK(q.component_covariance(3).trace() > 10 * q.component_covariance(0).trace());
  // Without a finite tolerance every particle counts.
  const AbcProposal all = AbcProposal::kernel(pop, HUGE_VAL);
  CHECK(all.covariance()(0, 0) > 2 * q.covariance()(0, 0));
}

TEST_CASE("abc-smc: the first proposal follows the curvature and is never wider than asked",
          "[calibration]") {
  // Two fitted statistics, three parameters: the first moves statistic 0 strongly, the second
  // moves statistic 1 weakly, the third moves nothing.
  Eigen::MatrixXd J = Eigen::MatrixXd::Zero(2, 3);
  J(0, 0) = 20.0;
  J(1, 1) = 0.5;
  const Eigen::MatrixXd W = Eigen::MatrixXd::Identity(2, 2);
  for (double widest : {1.0, 0.1}) {
    const Eigen::MatrixXd cov = initial_proposal_covariance(J, W, 2, widest);
    const double floor = 1.0 / (widest * widest);
    CHECK(cov(0, 0) == Approx(1.0 / (400.0 / 2 + floor)));    // pinned by the target
    CHECK(cov(1, 1) == Approx(1.0 / (0.25 / 2 + floor)));     // loosely constrained
    CHECK(cov(2, 2) == Approx(widest * widest));              // unconstrained: the cap
    CHECK(cov(0, 1) == Approx(0.0).margin(1e-15));
  }
}
