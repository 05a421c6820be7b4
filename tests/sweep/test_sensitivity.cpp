// The sensitivity estimators on functions with known indices, without any simulation: the
// Ishigami function (analytic Sobol indices) on a Saltelli design, and a linear function whose
// elementary effects are its coefficients.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "sweep/design.h"
#include "sweep/sensitivity.h"

using namespace hubsim::sweep;

namespace {

SweepSpec unit_cube_spec(int k, int64_t samples, double lo, double hi) {
  SweepSpec spec;
  spec.sampler = SamplerKind::kSaltelli;
  spec.samples = samples;
  for (int j = 0; j < k; ++j) {
    SweepParameter p;
    p.name = "x" + std::to_string(j + 1);
    p.min = lo;
    p.max = hi;
    spec.parameters.push_back(p);
  }
  return spec;
}

double ishigami(const double* x) {
  constexpr double a = 7.0, b = 0.1;
  return std::sin(x[0]) + a * std::sin(x[1]) * std::sin(x[1]) +
         b * std::pow(x[2], 4) * std::sin(x[0]);
}

struct IshigamiTruth {
  double s1[3], st[3];
};

IshigamiTruth ishigami_truth() {
  constexpr double a = 7.0, b = 0.1, pi = std::numbers::pi;
  const double v1 = 0.5 * std::pow(1 + b * std::pow(pi, 4) / 5, 2);
  const double v2 = a * a / 8;
  const double v13 = b * b * std::pow(pi, 8) * (1.0 / 18 - 1.0 / 50);  // = 8 b^2 pi^8 / 225
  const double v = v1 + v2 + v13;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

}  // namespace

TEST_CASE("Sobol indices of the Ishigami function match the analytic values",
          "[sweep][sensitivity]") {
  const Design d = make_design(unit_cube_spec(3, 8192, -std::numbers::pi, std::numbers::pi));
  REQUIRE(d.experiments() == 8192 * 5);
  std::vector<double> y(d.experiments());
  for (size_t e = 0; e < y.size(); ++e) y[e] = ishigami(&d.values[e * 3]);
  SensitivityOptions o;
  const OutcomeSensitivity s = analyse_outcome(y, d.unit, 3, o, 12345);
  const IshigamiTruth truth = ishigami_truth();
  CHECK(truth.s1[0] == Approx(0.3139).margin(1e-4));
  CHECK(truth.s1[1] == Approx(0.4424).margin(1e-4));
  CHECK(truth.st[2] == Approx(0.2437).margin(1e-4));
  CHECK(s.sobol.base_samples == 8192);
  for (int i = 0; i < 3; ++i) {
    INFO("x" << i + 1 << ": S1 " << s.sobol.s1[i] << " [" << s.sobol.s1_low[i] << ", "
             << s.sobol.s1_high[i] << "], ST " << s.sobol.st[i] << " [" << s.sobol.st_low[i] << ", "
             << s.sobol.st_high[i] << "]");
    CHECK(s.sobol.s1[i] == Approx(truth.s1[i]).margin(0.02));
    CHECK(s.sobol.st[i] == Approx(truth.st[i]).margin(0.02));
    // The intervals bracket the estimate and, within their own width, the truth.
    CHECK(s.sobol.s1_low[i] <= s.sobol.s1[i]);
    CHECK(s.sobol.s1[i] <= s.sobol.s1_high[i]);
    CHECK(s.sobol.st_low[i] <= s.sobol.st[i]);
    CHECK(s.sobol.st[i] <= s.sobol.st_high[i]);
    const double w1 = s.sobol.s1_high[i] - s.sobol.s1_low[i];
    const double wt = s.sobol.st_high[i] - s.sobol.st_low[i];
    CHECK(w1 < 0.1);
    CHECK(wt < 0.1);
    CHECK(truth.s1[i] >= s.sobol.s1_low[i] - w1 / 2);
    CHECK(truth.s1[i] <= s.sobol.s1_high[i] + w1 / 2);
    CHECK(truth.st[i] >= s.sobol.st_low[i] - wt / 2);
    CHECK(truth.st[i] <= s.sobol.st_high[i] + wt / 2);
  }
  CHECK(s.stable);
  CHECK(s.warning.empty());
  // Morris ranks x3 above zero (it acts only through its interaction with x1).
  CHECK(s.morris.mu_star[2] > 0.5);
}

TEST_CASE("A small sample is flagged as unstable", "[sweep][sensitivity]") {
  const Design d = make_design(unit_cube_spec(3, 16, -std::numbers::pi, std::numbers::pi));
  std::vector<double> y(d.experiments());
  for (size_t e = 0; e < y.size(); ++e) y[e] = ishigami(&d.values[e * 3]);
  SensitivityOptions o;
  const OutcomeSensitivity s = analyse_outcome(y, d.unit, 3, o, 1);
  CHECK_FALSE(s.stable);
  CHECK_THAT(s.warning, Catch::Matchers::Contains("16 usable base samples"));
  o.min_base_samples = 8;
  const OutcomeSensitivity wide = analyse_outcome(y, d.unit, 3, o, 1);
  CHECK_FALSE(wide.stable);
  CHECK_THAT(wide.warning, Catch::Matchers::Contains("widest confidence interval"));
}

TEST_CASE("Bootstrap intervals are reproducible and depend on the seed", "[sweep][sensitivity]") {
  const Design d = make_design(unit_cube_spec(3, 256, -std::numbers::pi, std::numbers::pi));
  std::vector<double> y(d.experiments());
  for (size_t e = 0; e < y.size(); ++e) y[e] = ishigami(&d.values[e * 3]);
  const SobolIndices a = sobol_indices(y, 3, 200, 0.9, 7);
  const SobolIndices b = sobol_indices(y, 3, 200, 0.9, 7);
  const SobolIndices c = sobol_indices(y, 3, 200, 0.9, 8);
  CHECK(a.s1_low == b.s1_low);
  CHECK(a.st_high == b.st_high);
  CHECK(a.s1 == c.s1);  // the point estimates do not resample
  CHECK(a.s1_low != c.s1_low);
}

TEST_CASE("Blocks with a NaN are left out", "[sweep][sensitivity]") {
  const Design d = make_design(unit_cube_spec(3, 64, -std::numbers::pi, std::numbers::pi));
  std::vector<double> y(d.experiments());
  for (size_t e = 0; e < y.size(); ++e) y[e] = ishigami(&d.values[e * 3]);
  y[2] = std::numeric_limits<double>::quiet_NaN();          // block 0 (an AB row)
  y[5 * 7 + 4] = std::numeric_limits<double>::quiet_NaN();  // block 7 (its B row)
  const SobolIndices s = sobol_indices(y, 3, 50, 0.95, 1);
  CHECK(s.base_samples == 62);
  CHECK(std::isfinite(s.s1[0]));
}

TEST_CASE("Morris on a linear function recovers its coefficients", "[sweep][sensitivity]") {
  // f = 3 u1 - 2 u2 + 0 u3 in range positions: every elementary effect equals the coefficient.
  const Design d = make_design(unit_cube_spec(3, 32, 10.0, 20.0));
  std::vector<double> y(d.experiments());
  for (size_t e = 0; e < y.size(); ++e) {
    const double* u = &d.unit[e * 3];
    y[e] = 3 * u[0] - 2 * u[1];
  }
  const MorrisIndices m = morris_radial(y, d.unit, 3);
  CHECK(m.mu[0] == Approx(3.0));
  CHECK(m.mu[1] == Approx(-2.0));
  CHECK(m.mu_star[1] == Approx(2.0));
  CHECK(m.mu_star[2] == Approx(0.0).margin(1e-12));
  CHECK(m.sigma[0] == Approx(0.0).margin(1e-9));
  // A block whose A and B rows share a coordinate has no elementary effect for it.
  int64_t moved = 0;
  for (size_t b = 0; b < 32; ++b) moved += d.unit[(b * 5 + 1) * 3] != d.unit[b * 5 * 3];
  CHECK(m.effects[0] == moved);
  CHECK(moved >= 24);
  // And its Sobol indices: additive, so S1 = ST, shares 9/13 and 4/13 of the variance.
  const SobolIndices s = sobol_indices(y, 3, 100, 0.95, 3);
  CHECK(s.s1[0] == Approx(9.0 / 13).margin(0.03));
  CHECK(s.st[1] == Approx(4.0 / 13).margin(0.03));
  CHECK(s.st[2] == Approx(0.0).margin(1e-12));
}
