// ABC-SMC proposals and weights on toy problems with known answers.
#include <catch2/catch.hpp>

#include <algorithm>
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

TEST_CASE("abc-smc: importance weights of the first proposal reproduce the prior",
          "[calibration]") {
  Eigen::MatrixXd cov = 0.02 * Eigen::MatrixXd::Identity(2, 2);
  Eigen::VectorXd centre(2);
  centre << 0.3, 0.6;
  const AbcProposal q =
      AbcProposal::initial(uniform_sampler(2), uniform_log_prior, centre, cov, 0.3);
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

namespace {

// Simulator y = theta in 2-D, observed y* = (0.35, 0.6): the ABC posterior under tolerance eps
// is the uniform prior restricted to the disc of radius eps around y*, for which
// E|theta - y*|^2 = eps^2 / 2. Runs the sampler of calibrate.cpp: generation 0 from the
// defensive mixture, then reweight, resample and Metropolis-Hastings moves. `respect_tolerance`
// false makes the moves ignore the tolerance (a broken kernel the checks must catch).
struct DiscRun {
  AbcPopulation population;
  double last_acceptance = 0;
};

DiscRun run_disc_sampler(int n, int generations, int sweeps, bool respect_tolerance) {
  Eigen::VectorXd target(2);
  target << 0.35, 0.6;
  auto distance = [&](const Eigen::VectorXd& u) { return (u - target).norm(); };
  const AbcProposal q0 =
      AbcProposal::initial(uniform_sampler(2), uniform_log_prior, Eigen::VectorXd::Constant(2, 0.5),
                           0.1 * Eigen::MatrixXd::Identity(2, 2), 0.3);
  DiscRun run;
  AbcPopulation& pop = run.population;
  pop.particles.resize(2 * n, 2);
  pop.distances.resize(2 * n);
  std::vector<double> lp, lq;
  for (int c = 0; c < 2 * n; ++c) {
    Stream rng(kKey, Purpose::kCalibrationPosterior, 0, uint32_t(c));
    const Eigen::VectorXd u = q0.sample(rng);
    pop.particles.row(c) = u.transpose();
    pop.distances[c] = distance(u);
    lp.push_back(uniform_log_prior(u));
    lq.push_back(q0.log_density(u));
  }
  pop.weights = importance_weights(lp, lq);
  pop.epsilon = HUGE_VAL;
  for (int g = 1; g <= generations; ++g) {
    const double eps = next_tolerance(pop, 0.5, 0.0);
    Eigen::VectorXd w = pop.weights;
    for (Eigen::Index i = 0; i < w.size(); ++i)
      if (!(pop.distances[i] <= eps)) w[i] = 0;
    Stream pick(kKey, Purpose::kCalibrationPosterior, uint32_t(g), 0xFFFFFFFFu);
    const auto picks = systematic_resample(w, n, pick.uniform());
    AbcPopulation next;
    next.particles = pop.particles(picks, Eigen::all);
    next.distances = pop.distances(picks);
    const Eigen::MatrixXd walk = move_cholesky(pop, eps);
    long accepted = 0;
    for (long c = 0; c < long(sweeps) * n; ++c) {
      const Eigen::Index i = c % n;
      Stream rng(kKey, Purpose::kCalibrationPosterior, uint32_t(g), uint32_t(c));
      const MoveProposal m = propose_move(next.particles.row(i).transpose(), walk, rng);
      const double d = m.inside ? distance(m.to) : HUGE_VAL;
      const double limit = respect_tolerance ? eps : HUGE_VAL;
      if (!accept_move(m, 0.0, m.inside ? 0.0 : -HUGE_VAL, d, limit)) continue;
      next.particles.row(i) = m.to.transpose();
      next.distances[i] = d;
      ++accepted;
    }
    next.weights = Eigen::VectorXd::Constant(n, 1.0 / n);
    next.epsilon = eps;
    pop = next;
    run.last_acceptance = double(accepted) / double(long(sweeps) * n);
  }
  return run;
}

}  // namespace

TEST_CASE(
    "abc-smc: resampling and moves give an equally weighted sample of the prior restricted "
    "to the tolerance ball",
    "[calibration]") {
  const int n = 400;
  const DiscRun run = run_disc_sampler(n, 6, 3, true);
  const AbcPopulation& pop = run.population;
  const double eps = pop.epsilon;
  REQUIRE(eps < 0.1);
  CHECK(pop.distances.maxCoeff() <= eps);
  Eigen::VectorXd target(2);
  target << 0.35, 0.6;
  const Eigen::VectorXd m = weighted_mean(pop.particles, pop.weights);
  CHECK((m - target).norm() < 0.1 * eps);
  // Uniform on the disc: E d^2 = eps^2 / 2 (a sample crowded at the centre, or spread beyond
  // the disc, misses it), with the sampling error of 400 particles well inside 12%.
  const double second_moment = pop.weights.dot(pop.distances.cwiseProduct(pop.distances));
  CHECK(second_moment == Approx(eps * eps / 2.0).epsilon(0.12));
  // The weights cannot degenerate, and the moves keep the particles diverse.
  CHECK(effective_sample_size(pop.weights) == Approx(double(n)));
  CHECK(distinct_rows(pop.particles) > n * 3 / 4);
  CHECK(run.last_acceptance > 0.1);
}

TEST_CASE("abc-smc: moves that ignore the tolerance leave the ball (the test above can fail)",
          "[calibration]") {
  const DiscRun run = run_disc_sampler(400, 6, 3, false);
  CHECK(run.population.distances.maxCoeff() > run.population.epsilon);
}

TEST_CASE("abc-smc: the next tolerance keeps the asked share of the effective sample size",
          "[calibration]") {
  AbcPopulation pop;
  pop.distances.resize(8);
  pop.distances << 8, 1, 7, 2, 6, 3, 5, 4;
  pop.particles = Eigen::MatrixXd::Zero(8, 1);
  // Equal weights: ESS 8, half of it kept at the 4th smallest distance.
  pop.weights = Eigen::VectorXd::Constant(8, 0.125);
  CHECK(next_tolerance(pop, 0.5, 0.0) == 4.0);
  CHECK(next_tolerance(pop, 1.0, 0.0) == 8.0);
  CHECK(next_tolerance(pop, 0.5, 4.5) == 4.5);  // never below the floor
  // At least two particles are kept, however small the share.
  CHECK(next_tolerance(pop, 0.01, 0.0) == 2.0);
  // Unequal weights: the two closest particles carry almost all the weight; ESS ~2.
  pop.weights << 1e-6, 0.5, 1e-6, 0.5, 1e-6, 1e-6, 1e-6, 1e-6;
  CHECK(next_tolerance(pop, 0.9, 0.0) == 2.0);
  // Ties are kept or dropped together.
  pop.weights = Eigen::VectorXd::Constant(8, 0.125);
  pop.distances << 1, 2, 2, 2, 5, 6, 7, 8;
  CHECK(next_tolerance(pop, 0.25, 0.0) == 2.0);
}

TEST_CASE("abc-smc: systematic resampling follows the weights", "[calibration]") {
  Eigen::VectorXd w(5);
  w << 0.1, 0.0, 0.45, 0.05, 0.4;
  for (double u : {0.0, 0.37, 0.999}) {
    const auto picks = systematic_resample(w, 100, u);
    REQUIRE(picks.size() == 100);
    CHECK(std::is_sorted(picks.begin(), picks.end()));
    for (Eigen::Index i = 0; i < w.size(); ++i) {
      const auto count = std::count(picks.begin(), picks.end(), i);
      CHECK(std::abs(double(count) - 100 * w[i]) <= 1.0);
    }
  }
  // Unnormalised weights give the same picks.
  CHECK(systematic_resample(w * 7.0, 100, 0.37) == systematic_resample(w, 100, 0.37));
}

TEST_CASE(
    "abc-smc: a move is accepted only inside the cube, within the tolerance, by the prior "
    "ratio",
    "[calibration]") {
  MoveProposal m;
  m.to = Eigen::VectorXd::Constant(2, 0.5);
  m.inside = true;
  m.log_uniform = std::log(0.5);
  CHECK(accept_move(m, 0.0, 0.0, 1.0, 1.0));
  CHECK_FALSE(accept_move(m, 0.0, 0.0, 1.0 + 1e-12, 1.0));
  CHECK(accept_move(m, 0.0, std::log(0.6), 0.5, 1.0));
  CHECK_FALSE(accept_move(m, 0.0, std::log(0.4), 0.5, 1.0));
  m.inside = false;
  CHECK_FALSE(accept_move(m, 0.0, 0.0, 0.5, 1.0));
  // A proposal's position and uniform come from its stream alone.
  const Eigen::MatrixXd walk = 0.1 * Eigen::MatrixXd::Identity(2, 2);
  Stream a(kKey, Purpose::kCalibrationPosterior, 3, 7),
      b(kKey, Purpose::kCalibrationPosterior, 3, 7);
  const MoveProposal pa = propose_move(Eigen::VectorXd::Constant(2, 0.5), walk, a);
  const MoveProposal pb = propose_move(Eigen::VectorXd::Constant(2, 0.5), walk, b);
  CHECK(pa.to == pb.to);
  CHECK(pa.log_uniform == pb.log_uniform);
  CHECK(pa.log_uniform <= 0.0);
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

TEST_CASE("abc-smc: the moves' walk from few particles in many dimensions has full rank",
          "[calibration]") {
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
  const Eigen::MatrixXd l = move_cholesky(pop, HUGE_VAL);
  const Eigen::MatrixXd cov = l * l.transpose();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(cov);
  CHECK(es.eigenvalues().minCoeff() > 1e-4 * es.eigenvalues().maxCoeff());
}

TEST_CASE("abc-smc: the moves' walk is scaled from the particles the tolerance keeps",
          "[calibration]") {
  // Five particles in 2-D; the last two are beyond the tolerance 1.0. The walk's covariance is
  // 2.38^2 / d times the weighted covariance of the three kept ones' logits, whose off-diagonal
  // part is shrunk by (d + 1) / 3 = 1.
  AbcPopulation pop;
  pop.particles.resize(5, 2);
  pop.particles << 0.40, 0.50, 0.50, 0.55, 0.45, 0.40, 0.90, 0.10, 0.10, 0.90;
  pop.weights.resize(5);
  pop.weights << 0.3, 0.2, 0.2, 0.2, 0.1;
  pop.distances.resize(5);
  pop.distances << 0.5, 0.8, 1.0, 2.0, 3.0;
  Eigen::MatrixXd logits(3, 2);
  for (int k = 0; k < 3; ++k)
    for (int j = 0; j < 2; ++j)
      logits(k, j) = std::log(pop.particles(k, j) / (1 - pop.particles(k, j)));
  Eigen::MatrixXd expected = weighted_covariance(logits, pop.weights.head(3)) * (2.38 * 2.38 / 2.0);
  expected(0, 1) = expected(1, 0) = 0.0;
  const Eigen::MatrixXd l = move_cholesky(pop, 1.0);
  CHECK((l * l.transpose() - expected).cwiseAbs().maxCoeff() < 1e-12);
  // Without a finite tolerance every particle counts, and the walk is wider.
  const Eigen::MatrixXd all = move_cholesky(pop, HUGE_VAL);
  CHECK((all * all.transpose())(0, 0) > 2 * expected(0, 0));
}

TEST_CASE("abc-smc: moves in logit coordinates never leave the cube and carry the Jacobian",
          "[calibration]") {
  Eigen::VectorXd u(3);
  u << 0.5, 0.9, 1e-3;
  const Eigen::VectorXd y = to_logit(u);
  CHECK(y[0] == 0.0);
  CHECK(y[1] == Approx(std::log(9.0)));
  CHECK(log_logit_jacobian(u) ==
        Approx(std::log(0.25) + std::log(0.09) + std::log(1e-3 * (1 - 1e-3))));
  // A particle on a bound has a finite logit.
  u[2] = 0.0;
  CHECK(std::isfinite(to_logit(u)[2]));
  CHECK(std::isfinite(log_logit_jacobian(u)));
  // Wide steps from near a corner stay inside, and the Jacobian ratio is the one of the points.
  const Eigen::MatrixXd walk = 3.0 * Eigen::MatrixXd::Identity(2, 2);
  const Eigen::VectorXd from = Eigen::VectorXd::Constant(2, 0.02);
  for (uint32_t c = 0; c < 200; ++c) {
    Stream rng(kKey, Purpose::kCalibrationPosterior, 5, c);
    const MoveProposal m = propose_move(from, walk, rng);
    REQUIRE(m.inside);
    CHECK(m.log_jacobian_ratio == Approx(log_logit_jacobian(m.to) - log_logit_jacobian(from)));
  }
}

TEST_CASE("abc-smc: without a tolerance the moves sample the prior (the Jacobian counts)",
          "[calibration]") {
  // 1-D, prior density 2u on [0, 1] (mean 2/3, variance 1/18, P(u < 0.1) = 0.01), no
  // tolerance. A walk in logit coordinates without the Jacobian would sample a law that piles
  // up at the bounds (density 2u / (u (1 - u)) = 2 / (1 - u), mean above 0.8).
  const int n = 2000;
  const Eigen::MatrixXd walk = 1.5 * Eigen::MatrixXd::Identity(1, 1);
  auto log_prior = [](double u) { return std::log(2.0 * u); };
  Eigen::VectorXd x(n);
  for (int i = 0; i < n; ++i) x[i] = (i + 0.5) / n;
  for (uint32_t sweep = 0; sweep < 60; ++sweep)
    for (int i = 0; i < n; ++i) {
      Stream rng(kKey, Purpose::kCalibrationPosterior, 7, sweep * n + uint32_t(i));
      const MoveProposal m = propose_move(x.segment(i, 1), walk, rng);
      if (accept_move(m, log_prior(x[i]), log_prior(m.to[0]), 0.0, HUGE_VAL)) x[i] = m.to[0];
    }
  // Sampling sds with n = 2000 (autocorrelation over a few sweeps at most): mean 0.005,
  // variance ~0.0015, share ~0.002.
  CHECK(x.mean() == Approx(2.0 / 3.0).margin(0.02));
  CHECK((x.array() - x.mean()).square().mean() == Approx(1.0 / 18.0).epsilon(0.1));
  CHECK(double((x.array() < 0.1).count()) / n == Approx(0.01).margin(0.008));
}

TEST_CASE("abc-smc: sweeps per generation follow the last acceptance rate", "[calibration]") {
  // ceil(log 0.2 / log(1 - p)): p = 0.3 -> 5, p = 0.5 -> 3, p = 0.05 -> 32 (capped).
  CHECK(planned_sweeps(0.3, 0.2, 2, 12) == 5);
  CHECK(planned_sweeps(0.5, 0.2, 2, 12) == 3);
  CHECK(planned_sweeps(0.05, 0.2, 2, 12) == 12);
  CHECK(planned_sweeps(0.9, 0.2, 2, 12) == 2);
  CHECK(planned_sweeps(0.0, 0.2, 2, 12) == 12);
  CHECK(planned_sweeps(1.0, 0.2, 2, 12) == 2);
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
    CHECK(cov(0, 0) == Approx(1.0 / (400.0 / 2 + floor)));  // pinned by the target
    CHECK(cov(1, 1) == Approx(1.0 / (0.25 / 2 + floor)));   // loosely constrained
    CHECK(cov(2, 2) == Approx(widest * widest));            // unconstrained: the cap
    CHECK(cov(0, 1) == Approx(0.0).margin(1e-15));
  }
}
