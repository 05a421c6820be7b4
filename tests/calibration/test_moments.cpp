// The MSM moments: centres and half-ranges, the log transform, the weighting matrix and the
// distance.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "calibration/moments.h"
#include "calibration/targets.h"
#include "core/counter_rng.h"

using namespace hubsim;
using namespace hubsim::calibration;

namespace {

TargetSet two_targets() {
  return load_targets_text(R"(
[[target]]
stat = "download_share_cn"
range = [0.3, 0.5]
[[target]]
stat = "models_total_2025"
range = [1e6, 4e6]
transform = "log"
weight = 4
[[target]]
stat = "cn_overtakes_us"
range = [2025, 2026]
role = "check"
)",
                           "t.toml");
}

}  // namespace

TEST_CASE("moments: centres, half-ranges and roles", "[calibration]") {
  const MomentSet m = make_moment_set(two_targets());
  REQUIRE(m.fit_keys == std::vector<std::string>{"download_share_cn", "models_total_2025"});
  REQUIRE(m.check_keys == std::vector<std::string>{"cn_overtakes_us"});
  CHECK(m.centre[0] == Approx(0.4));
  CHECK(m.half_width[0] == Approx(0.1));
  CHECK(m.centre[1] == Approx(std::log(2e6)));  // geometric midpoint, in logs
  CHECK(m.half_width[1] == Approx(std::log(2.0)));
}

TEST_CASE("moments: standardised deviations and the distance", "[calibration]") {
  const MomentSet m = make_moment_set(two_targets());
  Eigen::MatrixXd reps(2, 3);
  reps << 0.45, 4e6, 2025.5,  //
      0.45, 4e6, 2025.5;
  const Eigen::VectorXd z = standardised_deviation(m, reps);
  CHECK(z[0] == Approx(0.5));
  CHECK(z[1] == Approx(1.0));  // at the upper end of the range: one half-range in logs
  // Without replication noise W = diag(weights): distance = sqrt((1 * 0.25 + 4 * 1) / 2).
  const Eigen::MatrixXd W = weighting_matrix(m, reps, 4);
  CHECK(W(0, 0) == Approx(1.0));
  CHECK(W(1, 1) == Approx(4.0));
  CHECK(W(0, 1) == Approx(0.0).margin(1e-12));
  CHECK(msm_distance(m, W, reps) == Approx(std::sqrt(4.25 / 2.0)));
  // At the centres the distance is zero.
  Eigen::MatrixXd centre(1, 3);
  centre << 0.4, 2e6, 2025.5;
  CHECK(msm_distance(m, W, centre) == Approx(0.0).margin(1e-12));
}

TEST_CASE("moments: a statistic missing in every replication costs a fixed penalty",
          "[calibration]") {
  const MomentSet m = make_moment_set(two_targets());
  Eigen::MatrixXd reps(2, 3);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  reps << nan, 2e6, 2025.5,  //
      nan, 2e6, 2025.5;
  CHECK(standardised_deviation(m, reps)[0] == kMissingMomentPenalty);
  // A value <= 0 of a log-compared statistic counts as far below the range, not as NaN.
  reps << 0.4, 0.0, 2025.5,  //
      0.4, 0.0, 2025.5;
  CHECK(standardised_deviation(m, reps)[1] < -5.0);
}

TEST_CASE("moments: a deviation cap bounds what an unreachable statistic costs", "[calibration]") {
  Eigen::MatrixXd reps(1, 3);
  reps << 0.1, 64e6, 2025.5;  // share 3 half-ranges below, count 5 half-ranges (in logs) above
  const MomentSet plain = make_moment_set(two_targets());
  const Eigen::VectorXd z = standardised_deviation(plain, reps);
  CHECK(z[0] == Approx(-3.0));
  CHECK(z[1] == Approx(5.0));
  const MomentSet capped = make_moment_set(two_targets(), 2.0);
  const Eigen::VectorXd zc = standardised_deviation(capped, reps);
  CHECK(zc[0] == Approx(-2.0));
  CHECK(zc[1] == Approx(2.0));
  // Within the cap nothing changes; beyond it the distance no longer moves.
  Eigen::MatrixXd near(1, 3);
  near << 0.45, 2e6, 2025.5;
  CHECK(standardised_deviation(capped, near)[0] == Approx(0.5));
  const Eigen::MatrixXd W = Eigen::MatrixXd::Identity(2, 2);
  Eigen::MatrixXd farther = reps;
  farther(0, 1) = 1e9;
  CHECK(msm_distance(capped, W, farther) == Approx(msm_distance(capped, W, reps)));
  CHECK(msm_distance(plain, W, farther) > msm_distance(plain, W, reps));
}

TEST_CASE("moments: replication noise down-weights noisy statistics", "[calibration]") {
  const MomentSet m = make_moment_set(two_targets());
  // Share: noise sd 0.1 (one half-range); count: no noise.
  Eigen::MatrixXd reps(400, 3);
  for (int i = 0; i < 400; ++i) {
    Stream rng(StreamKey::derive(7, 0), Purpose::kCalibrationPosterior, 0, uint32_t(i));
    reps(i, 0) = 0.4 + 0.1 * rng.normal();
    reps(i, 1) = 2e6;
    reps(i, 2) = 2025.5;
  }
  const Eigen::MatrixXd W = weighting_matrix(m, reps, 1);
  // V = diag(1/w) + var/R: 1 + ~1 for the share, 1/4 for the count.
  CHECK(1.0 / W(0, 0) == Approx(2.0).epsilon(0.15));
  CHECK(1.0 / W(1, 1) == Approx(0.25).epsilon(1e-9));
}

TEST_CASE("moments: the shrunk covariance keeps variances and shrinks noise correlations",
          "[calibration]") {
  Eigen::MatrixXd x(300, 3);
  for (int i = 0; i < 300; ++i) {
    Stream rng(StreamKey::derive(9, 0), Purpose::kCalibrationPosterior, 1, uint32_t(i));
    const double a = rng.normal(), b = rng.normal(), c = rng.normal();
    x(i, 0) = a;
    x(i, 1) = a + 0.1 * b;  // strongly correlated with column 0
    x(i, 2) = 3.0 * c;      // independent
  }
  const Eigen::MatrixXd S = shrunk_covariance(x);
  CHECK(S(2, 2) == Approx(9.0).epsilon(0.2));
  CHECK(S(0, 1) / std::sqrt(S(0, 0) * S(1, 1)) > 0.9);              // real correlation kept
  CHECK(std::fabs(S(0, 2) / std::sqrt(S(0, 0) * S(2, 2))) < 0.15);  // noise shrunk
  CHECK(S.ldlt().info() == Eigen::Success);
}
