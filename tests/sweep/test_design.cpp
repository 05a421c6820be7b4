// The samplers: grid order and end points, Latin hypercube strata, Sobol and Saltelli layouts,
// levels, and CSV tables with the Saltelli block check.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "core/errors.h"
#include "sweep/design.h"
#include "sweep/design_table.h"
#include "sweep_test_util.h"

using namespace hubsim::sweep;
using hubsim::InputError;

namespace {

SweepParameter range(const std::string& name, double lo, double hi, int points = 0,
                     Spacing spacing = Spacing::kLinear) {
  SweepParameter p;
  p.name = name;
  p.min = lo;
  p.max = hi;
  p.points = points;
  p.spacing = spacing;
  return p;
}

SweepParameter levels(const std::string& name, std::vector<double> v) {
  SweepParameter p;
  p.name = name;
  p.levels = std::move(v);
  return p;
}

}  // namespace

TEST_CASE("Grid: full factorial, last parameter fastest, exact end points", "[sweep][design]") {
  SweepSpec spec;
  spec.sampler = SamplerKind::kGrid;
  spec.parameters = {range("a", 0.1, 0.7, 4), levels("b", {5, 1}),
                     range("c", 1, 100, 3, Spacing::kLog)};
  const Design d = make_design(spec);
  REQUIRE(d.experiments() == 24);
  CHECK(d.value(0, 0) == 0.1);
  CHECK(d.value(23, 0) == 0.7);  // exactly max, not 0.1 + 1.0 * 0.6
  CHECK(d.value(0, 1) == 5);
  CHECK(d.value(3, 1) == 1);
  CHECK(d.value(0, 2) == Approx(1));
  CHECK(d.value(1, 2) == Approx(10));
  CHECK(d.value(2, 2) == 100);
  CHECK(d.value(6, 0) == Approx(0.3));
  CHECK(d.unit[1 * 3 + 2] == 0.5);
  CHECK(d.role(5) == Role::kPoint);
  CHECK(d.block(5) == -1);
}

TEST_CASE("Latin hypercube: one point per stratum, reproducible by seed", "[sweep][design]") {
  SweepSpec spec;
  spec.sampler = SamplerKind::kLatinHypercube;
  spec.samples = 50;
  spec.seed = 11;
  spec.parameters = {range("a", 0, 1), range("b", -5, 5)};
  const Design d = make_design(spec);
  REQUIRE(d.experiments() == 50);
  for (size_t j = 0; j < 2; ++j) {
    std::set<int> strata;
    for (size_t e = 0; e < 50; ++e) strata.insert(int(d.unit[e * 2 + j] * 50));
    CHECK(strata.size() == 50);
  }
  CHECK(make_design(spec).values == d.values);
  spec.seed = 12;
  CHECK(make_design(spec).values != d.values);
}

TEST_CASE("Sobol design: the sequence mapped onto the ranges and levels", "[sweep][design]") {
  SweepSpec spec;
  spec.sampler = SamplerKind::kSobol;
  spec.samples = 4;
  spec.parameters = {range("a", 10, 20), levels("b", {0, 1})};
  const Design d = make_design(spec);
  // Points 0..3 of the 2-D sequence: (0,0), (.5,.5), (.75,.25), (.25,.75).
  CHECK(d.value(0, 0) == 10);
  CHECK(d.value(1, 0) == 15);
  CHECK(d.value(2, 0) == 17.5);
  CHECK(d.value(0, 1) == 0);
  CHECK(d.value(1, 1) == 1);  // floor(0.5 * 2) = level 1
  CHECK(d.value(2, 1) == 0);
  CHECK(d.unit[1 * 2 + 1] == 1.0);
}

TEST_CASE("Saltelli design: blocks A, AB_1..AB_k, B", "[sweep][design]") {
  SweepSpec spec;
  spec.sampler = SamplerKind::kSaltelli;
  spec.samples = 8;
  spec.parameters = {range("a", 0, 1), range("b", 0, 1), range("c", 0, 1)};
  const Design d = make_design(spec);
  REQUIRE(d.experiments() == 8 * 5);
  for (size_t b = 0; b < 8; ++b) {
    const size_t a_row = b * 5, b_row = a_row + 4;
    CHECK(d.role(a_row) == Role::kA);
    CHECK(d.role(b_row) == Role::kB);
    CHECK(d.block(b_row) == int64_t(b));
    bool differs = false;
    for (size_t j = 0; j < 3; ++j) differs = differs || d.value(a_row, j) != d.value(b_row, j);
    CHECK(differs);
    for (size_t i = 0; i < 3; ++i) {
      const size_t ab = a_row + 1 + i;
      CHECK(d.role(ab) == Role::kAB);
      CHECK(d.column(ab) == int(i));
      for (size_t j = 0; j < 3; ++j)
        CHECK(d.value(ab, j) == (j == i ? d.value(b_row, j) : d.value(a_row, j)));
    }
  }
}

TEST_CASE("Design tables: values, positions and the Saltelli block check", "[sweep][design]") {
  testing::ScratchDir dir;
  const std::string csv = dir.write("d.csv",
                                    "# a comment\n"
                                    "attention.mean_weeks, \"demand.automated_share\"\n"
                                    "4, 0.2\n"
                                    "\n"
                                    "8, 0.2\r\n"
                                    "4, 0.6\n"
                                    "8, 0.6\n");
  const DesignTable t = read_design_table(csv, "sweep.toml", "sweep.design_table", 3);
  CHECK(t.rows() == 4);
  CHECK(t.lines == std::vector<int>{3, 5, 6, 7});
  const Design plain = design_from_table(t, DesignLayout::kPlain);
  CHECK(plain.unit[1 * 2 + 0] == 1.0);
  CHECK(plain.unit[2 * 2 + 1] == 1.0);
  // Blocks of k + 2 = 4 rows: A, AB_1, AB_2, B. Row AB_1 (8, 0.2) takes column 1 from B
  // (8, 0.6); row AB_2 (4, 0.6) takes column 2: a valid block.
  CHECK_NOTHROW(design_from_table(t, DesignLayout::kSaltelli));
  const DesignTable bad =
      read_design_table(dir.write("bad.csv",
                                  "attention.mean_weeks,demand.automated_share\n"
                                  "4,0.2\n5,0.2\n4,0.6\n8,0.6\n"),
                        "s", "k", 1);
  try {
    design_from_table(bad, DesignLayout::kSaltelli);
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.line() == 3);
    CHECK_THAT(std::string(e.what()), Catch::Matchers::Contains("AB_1"));
  }
}
