// Morris screening on functions with known effects.
#include <catch2/catch.hpp>

#include <cmath>

#include "calibration/morris.h"

using namespace hubsim;
using namespace hubsim::calibration;

TEST_CASE("morris: trajectories move one parameter at a time by Delta on the grid",
          "[calibration]") {
  const StreamKey key = StreamKey::derive(3, 4);
  for (int t = 0; t < 5; ++t) {
    const MorrisTrajectory tr = morris_trajectory(key, 4, t);
    REQUIRE(tr.points.size() == 5);
    for (size_t j = 0; j + 1 < tr.points.size(); ++j) {
      const Eigen::VectorXd diff = tr.points[j + 1] - tr.points[j];
      int changed = 0;
      for (int i = 0; i < 4; ++i)
        if (diff[i] != 0) {
          ++changed;
          CHECK(i == tr.order[j]);
          CHECK(std::fabs(diff[i]) == Approx(kMorrisDelta));
        }
      CHECK(changed == 1);
    }
    for (const auto& p : tr.points)
      CHECK(((p.array() >= 0).all() && (p.array() <= 1.0 + 1e-12).all()));
  }
  // A pure function of (key, t).
  CHECK(morris_trajectory(key, 4, 2).points.back() == morris_trajectory(key, 4, 2).points.back());
}

TEST_CASE("morris: mu* recovers linear effects and flags the inert parameter", "[calibration]") {
  const StreamKey key = StreamKey::derive(5, 6);
  std::vector<MorrisTrajectory> trs;
  std::vector<std::vector<Eigen::VectorXd>> outputs;
  // Two targets: y0 = 2 x0 - 0.5 x2, y1 = x0 * x1 (interaction); x3 moves nothing.
  for (int t = 0; t < 8; ++t) {
    trs.push_back(morris_trajectory(key, 4, t));
    std::vector<Eigen::VectorXd> out;
    for (const auto& x : trs.back().points) {
      Eigen::VectorXd y(2);
      y << 2.0 * x[0] - 0.5 * x[2], x[0] * x[1];
      out.push_back(y);
    }
    outputs.push_back(out);
  }
  const ScreeningResult s = analyse_morris(trs, outputs, Eigen::VectorXd::Zero(2), 2, 0.1);
  CHECK(s.mu_star(0, 0) == Approx(2.0));
  CHECK(s.mu(2, 0) == Approx(-0.5));
  CHECK(s.sigma(0, 0) == Approx(0.0).margin(1e-9));  // linear: the same effect everywhere
  CHECK(s.sigma(1, 1) > 0.0);                        // interaction: effects vary
  CHECK(s.mu_star(3, 0) == 0.0);
  CHECK(s.active == std::vector<bool>{true, true, true, false});
}

TEST_CASE("morris: replication noise raises the threshold", "[calibration]") {
  const StreamKey key = StreamKey::derive(5, 7);
  std::vector<MorrisTrajectory> trs{morris_trajectory(key, 2, 0), morris_trajectory(key, 2, 1)};
  std::vector<std::vector<Eigen::VectorXd>> outputs;
  for (const auto& tr : trs) {
    std::vector<Eigen::VectorXd> out;
    for (const auto& x : tr.points) out.push_back(Eigen::VectorXd::Constant(1, 0.3 * x[0]));
    outputs.push_back(out);
  }
  // Effect 0.3; with noise sd 1 half-range and 2 replications the threshold is 1.6 / Delta.
  const ScreeningResult s = analyse_morris(trs, outputs, Eigen::VectorXd::Ones(1), 2, 0.1);
  CHECK(s.threshold[0] == Approx(1.6 / kMorrisDelta));
  CHECK_FALSE(s.active[0]);
  const ScreeningResult quiet = analyse_morris(trs, outputs, Eigen::VectorXd::Zero(1), 2, 0.1);
  CHECK(quiet.active[0]);
}
