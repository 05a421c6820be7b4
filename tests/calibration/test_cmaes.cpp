// CMA-ES in the unit cube on functions with a known minimum.
#include <catch2/catch.hpp>

#include <cmath>

#include "calibration/cmaes.h"

using namespace hubsim;
using namespace hubsim::calibration;

namespace {

// Minimises f from x0; returns the final mean.
template <class F>
Eigen::VectorXd minimise(F f, const Eigen::VectorXd& x0, int generations, StreamKey key) {
  const CmaEs cma(int(x0.size()), CmaEs::default_lambda(int(x0.size())));
  CmaState s = cma.initial_state(x0, 0.3);
  for (int g = 0; g < generations; ++g) {
    const auto xs = cma.ask(s, key);
    std::vector<double> v;
    for (const auto& x : xs) {
      for (int i = 0; i < x.size(); ++i) REQUIRE((x[i] >= 0.0 && x[i] <= 1.0));
      v.push_back(f(x));
    }
    cma.tell(s, xs, v);
  }
  return s.mean;
}

}  // namespace

TEST_CASE("cma-es: finds the minimum of an ill-conditioned rotated ellipsoid", "[calibration]") {
  Eigen::VectorXd opt(5);
  opt << 0.2, 0.7, 0.5, 0.9, 0.35;
  auto f = [&](const Eigen::VectorXd& x) {
    const Eigen::VectorXd d = x - opt;
    double v = 0;
    for (int i = 0; i < 5; ++i) {
      const double r = d[i] + 0.5 * d[(i + 1) % 5];  // rotation couples neighbours
      v += std::pow(30.0, i / 4.0) * r * r;
    }
    return v;
  };
  const Eigen::VectorXd x =
      minimise(f, Eigen::VectorXd::Constant(5, 0.5), 150, StreamKey::derive(11, 0));
  CHECK((x - opt).norm() < 1e-3);
}

TEST_CASE("cma-es: an optimum on the boundary is reached through the mirror", "[calibration]") {
  auto f = [](const Eigen::VectorXd& x) {
    return (x - Eigen::VectorXd::Constant(3, -0.5)).squaredNorm();
  };
  const Eigen::VectorXd x =
      minimise(f, Eigen::VectorXd::Constant(3, 0.5), 80, StreamKey::derive(12, 0));
  CHECK(x.maxCoeff() < 0.02);  // the feasible minimum is the corner 0
}

TEST_CASE(
    "cma-es: candidates are a pure function of state and key, and the mirror maps into [0, 1]",
    "[calibration]") {
  const CmaEs cma(4, 8);
  const CmaState s = cma.initial_state(Eigen::VectorXd::Constant(4, 0.5), 0.4);
  const auto a = cma.ask(s, StreamKey::derive(1, 1));
  const auto b = cma.ask(s, StreamKey::derive(1, 1));
  const auto c = cma.ask(s, StreamKey::derive(1, 2));
  REQUIRE(a.size() == 8);
  for (size_t i = 0; i < a.size(); ++i) CHECK(a[i] == b[i]);
  CHECK(a[0] != c[0]);
  CHECK(mirror_into_unit(-0.25) == Approx(0.25));
  CHECK(mirror_into_unit(1.25) == Approx(0.75));
  CHECK(mirror_into_unit(2.5) == Approx(0.5));
  CHECK(mirror_into_unit(0.4) == 0.4);
}
