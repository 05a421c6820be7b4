// The Sobol sequence against SciPy's qmc.Sobol(d, scramble=False, bits=32), which uses the same
// Joe-Kuo direction numbers, and against the defining (0, m, 1)-net property.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <stdexcept>
#include <vector>

#include "sweep/sobol_sequence.h"

using hubsim::sweep::kSobolMaxDimensions;
using hubsim::sweep::SobolSequence;

TEST_CASE("Sobol: the first points of two dimensions", "[sweep][sobol]") {
  const SobolSequence s(2);
  const double expected[8][2] = {{0, 0},         {0.5, 0.5},     {0.75, 0.25},   {0.25, 0.75},
                                 {0.375, 0.375}, {0.875, 0.875}, {0.625, 0.125}, {0.125, 0.625}};
  for (int i = 0; i < 8; ++i) {
    const auto p = s.point(uint64_t(i));
    CHECK(p[0] == expected[i][0]);
    CHECK(p[1] == expected[i][1]);
  }
}

TEST_CASE("Sobol: points match SciPy's Joe-Kuo sequence in high dimensions", "[sweep][sobol]") {
  // Values times 2^32, from scipy.stats.qmc.Sobol(256, scramble=False, bits=32) (SciPy 1.10):
  // fast_forward(index).random(1).
  struct Ref {
    uint64_t index;
    int dim;
    double scaled;
  };
  const std::vector<Ref> refs = {
      {100, 0, 0.4140625 * 4294967296.0},
      {100, 63, 0.6484375 * 4294967296.0},
      {100, 255, 0.5703125 * 4294967296.0},
      {1023, 127, 0.7001953125 * 4294967296.0},
      {1024, 200, 0.47705078125 * 4294967296.0},
      {1099, 9, 0.64794921875 * 4294967296.0},
      {1000003, 0, 1187450880.0},
      {1000003, 1, 2413424640.0},
      {1000003, 2, 334991360.0},
      {1000003, 9, 18903040.0},
      {1000003, 63, 1323372544.0},
      {1000003, 127, 1969033216.0},
      {1000003, 200, 110694400.0},
      {1000003, 255, 3460722688.0},
      {123456789, 0, 4191448864.0},
      {123456789, 1, 3403469216.0},
      {123456789, 2, 27513184.0},
      {123456789, 9, 1734853024.0},
      {123456789, 63, 1087637792.0},
      {123456789, 127, 2879378656.0},
      {123456789, 200, 907492448.0},
      {123456789, 255, 563653600.0},
  };
  const SobolSequence s(kSobolMaxDimensions);
  for (const auto& r : refs) {
    INFO("point " << r.index << ", dimension " << r.dim + 1);
    CHECK(s.point(r.index)[size_t(r.dim)] * 4294967296.0 == r.scaled);
  }
}

TEST_CASE("Sobol: every dimension is a (0, m, 1)-net", "[sweep][sobol]") {
  // The first 2^m points put exactly one point in each interval [j / 2^m, (j + 1) / 2^m).
  const SobolSequence s(kSobolMaxDimensions);
  const int m = 10;
  const size_t n = size_t(1) << m;
  std::vector<std::set<uint32_t>> cells(kSobolMaxDimensions);
  for (size_t i = 0; i < n; ++i) {
    const auto p = s.point(i);
    for (int d = 0; d < kSobolMaxDimensions; ++d)
      cells[size_t(d)].insert(uint32_t(p[size_t(d)] * double(n)));
  }
  for (int d = 0; d < kSobolMaxDimensions; ++d) {
    INFO("dimension " << d + 1);
    CHECK(cells[size_t(d)].size() == n);
  }
}

TEST_CASE("Sobol: dimension and index limits", "[sweep][sobol]") {
  CHECK_THROWS_AS(SobolSequence(0), std::invalid_argument);
  CHECK_THROWS_AS(SobolSequence(kSobolMaxDimensions + 1), std::invalid_argument);
  const SobolSequence s(3);
  CHECK_THROWS_AS(s.point(uint64_t(1) << 32), std::invalid_argument);
  CHECK_NOTHROW(s.point((uint64_t(1) << 32) - 1));
}
