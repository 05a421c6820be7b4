// Ensembles with parameter draws and comparisons on common random numbers: quantiles,
// identical scenarios differ by exactly zero, lever scenarios share their members' draws,
// member results do not depend on the thread count, and the robustness view's arithmetic.
#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "scenario/scenario_loader.h"
#include "sim/member_ensemble.h"
#include "stats/comparison.h"
#include "support/test_scenarios.h"

using namespace hubsim;

namespace {

// A small scenario with uncertainty ranges and outcomes inside its window (2020-06 to 2022).
Scenario small_uncertain(const std::string& extra = "") {
  Scenario s = load_scenario_text(R"([scenario]
extends = "baseline.toml"
name = "cmp"
end = 2022-12-31
[uncertainty.ranges]
attention.mean_weeks = [4.0, 8.0]
demand.automated_share = [0.3, 0.5]
[[outcomes]]
statistic = "top200_download_share_2022"
direction = "lower_is_better"
label = "Top-200 share of 2022 downloads"
[[outcomes]]
statistic = "home_share_us_2022"
direction = "higher_is_better"
label = "US-developed share of US downloads in 2022"
)" + extra,
                                  "cmp.toml", test::source_path("scenarios"));
  s.info.scale = 0.002;
  return s;
}

MemberStatistics stats_of(const MemberEnsemble& e) {
  MemberStatistics out;
  for (const auto& r : e.results) out.push_back(&r.stats);
  return out;
}

}  // namespace

TEST_CASE("quantiles interpolate between order statistics and skip non-finite values",
          "[compare][quantile]") {
  CHECK(quantile({4, 1, 3, 2}, 0.5) == 2.5);
  CHECK(quantile({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.05) == Approx(0.5));
  CHECK(quantile({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.95) == Approx(9.5));
  CHECK(quantile({1, std::nan(""), 3}, 0.5) == 2.0);
  CHECK(std::isnan(quantile({}, 0.5)));
  const auto q = summary_quantiles({7.0});
  for (double x : q) CHECK(x == 7.0);
}

TEST_CASE("identical scenarios compared on common random numbers differ by exactly zero",
          "[compare]") {
  const Scenario a = small_uncertain();
  const Scenario b = small_uncertain();
  MemberEnsembleOptions o;
  o.members = 3;
  const auto e = run_member_ensembles({&a, &b}, o);
  // The baseline's posterior parameters and the two ranges (a range replaces the posterior for
  // a parameter the posterior also calibrates).
  REQUIRE(a.uncertainty.posterior.has_value());
  const auto& calibrated = a.uncertainty.posterior->parameters;
  size_t expected = calibrated.size();
  for (const char* ranged : {"attention.mean_weeks", "demand.automated_share"})
    expected += std::count(calibrated.begin(), calibrated.end(), ranged) == 0 ? 1 : 0;
  REQUIRE(e[0].drawn_names.size() == expected);
  const auto& names = e[0].drawn_names;
  CHECK(std::count(names.begin(), names.end(), "attention.mean_weeks") == 1);
  CHECK(std::count(names.begin(), names.end(), "demand.automated_share") == 1);
  const auto outcomes = collect_outcomes({&a, &b});
  REQUIRE(outcomes.size() == 2);
  const auto c = compare_outcomes(outcomes, {stats_of(e[0]), stats_of(e[1])});
  for (const auto& oc : c) {
    INFO(oc.outcome.statistic);
    for (int k = 0; k < 3; ++k) {
      REQUIRE(std::isfinite(oc.values[0][size_t(k)]));
      CHECK(oc.differences[1][size_t(k)] == 0.0);
    }
    for (double q : oc.difference_quantiles[1]) CHECK(q == 0.0);
    CHECK(oc.mean_regret[0] == 0.0);
    CHECK(oc.mean_regret[1] == 0.0);
    CHECK(oc.best_share[0] == 0.5);  // ties are split
  }
  // Members of one ensemble really differ (their parameters are drawn).
  CHECK(e[0].members[0].drawn_values != e[0].members[1].drawn_values);
  CHECK(c[0].values[0][0] != c[0].values[0][1]);
}

TEST_CASE("a lever scenario shares its members' parameter draws with the reference", "[compare]") {
  const Scenario a = small_uncertain();
  const Scenario b = small_uncertain(R"(
[[events]]
type = "hardware_shift"
date = 2021-01-01
tier_memory_multiplier = 4.0
)");
  MemberEnsembleOptions o;
  o.members = 4;
  o.replications_per_draw = 2;
  const auto e = run_member_ensembles({&a, &b}, o);
  for (int k = 0; k < 4; ++k) {
    CHECK(e[0].members[size_t(k)].draw == k / 2);
    CHECK(e[0].members[size_t(k)].drawn_values == e[1].members[size_t(k)].drawn_values);
  }
  CHECK(e[0].members[0].drawn_values ==
        e[0].members[1].drawn_values);  // one draw, two replications
  const auto c = compare_outcomes(collect_outcomes({&a, &b}), {stats_of(e[0]), stats_of(e[1])});
  double moved = 0;
  for (double d : c[0].differences[1]) moved += std::fabs(d);
  CHECK(moved > 0);
}

TEST_CASE("member ensembles give the same numbers for any thread count", "[compare][determinism]") {
  const Scenario a = small_uncertain();
  MemberEnsembleOptions o;
  o.members = 2;
  std::vector<MemberEnsemble> one, two;
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
    one = run_member_ensembles({&a}, o);
  }
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
    two = run_member_ensembles({&a}, o);
  }
  for (size_t k = 0; k < 2; ++k) {
    const auto& x = one[0].results[k].stats;
    const auto& y = two[0].results[k].stats;
    REQUIRE(x.size() == y.size());
    for (size_t i = 0; i < x.size(); ++i)
      if (!(std::isnan(x[i].value) && std::isnan(y[i].value))) CHECK(x[i].value == y[i].value);
  }
}

TEST_CASE("robustness: regret against the best lever of each member", "[compare][robustness]") {
  // Two outcomes' worth of hand-made members: three levers, four members.
  std::vector<std::vector<Statistic>> a = {{{"x", 1}}, {{"x", 2}}, {{"x", 3}}, {{"x", 4}}};
  std::vector<std::vector<Statistic>> b = {{{"x", 2}}, {{"x", 1}}, {{"x", 5}}, {{"x", 4}}};
  std::vector<std::vector<Statistic>> c = {
      {{"x", 0}}, {{"x", 0}}, {{"x", 0}}, {{"x", std::nan("")}}};
  auto ptrs = [](const std::vector<std::vector<Statistic>>& v) {
    MemberStatistics out;
    for (const auto& m : v) out.push_back(&m);
    return out;
  };
  OutcomeSpec higher{"x", OutcomeDirection::kHigherIsBetter, "x"};
  const auto r = compare_outcomes({higher}, {ptrs(a), ptrs(b), ptrs(c)}).front();
  // Member 3 is left out of the robustness view (c has no value there).
  CHECK(r.robust_members == 3);
  CHECK(r.mean[0] == Approx(2.0));
  CHECK(r.mean[1] == Approx(8.0 / 3));
  CHECK(r.mean_regret[0] == Approx((1 + 0 + 2) / 3.0));
  CHECK(r.mean_regret[1] == Approx((0 + 1 + 0) / 3.0));
  CHECK(r.max_regret[2] == Approx(5.0));
  CHECK(r.best_share[0] == Approx(1 / 3.0));
  CHECK(r.best_share[1] == Approx(2 / 3.0));
  CHECK(r.best_share[2] == 0.0);
  CHECK(r.differences[1][2] == 2.0);
  CHECK(std::isnan(r.differences[2][3]));
  OutcomeSpec lower{"x", OutcomeDirection::kLowerIsBetter, "x"};
  const auto l = compare_outcomes({lower}, {ptrs(a), ptrs(b), ptrs(c)}).front();
  CHECK(l.best_share[2] == 1.0);
  CHECK(l.mean_regret[2] == 0.0);
  CHECK(l.max_regret[1] == Approx(5.0));
}

TEST_CASE(
    "outcomes of several scenarios: each statistic once, and conflicting directions and years "
    "outside a window rejected",
    "[compare]") {
  const Scenario a = small_uncertain();
  Scenario b = small_uncertain();
  b.outcomes.push_back({"download_share_kr_2022", OutcomeDirection::kHigherIsBetter, "KR share"});
  CHECK(collect_outcomes({&a, &b}).size() == 3);
  b.outcomes.front().direction = OutcomeDirection::kHigherIsBetter;  // top200: lower in a
  CHECK_THROWS_WITH(collect_outcomes({&a, &b}), Catch::Contains("lower_is_better"));
  // An outcome of 2022 cannot be compared with a scenario that stops in 2021.
  Scenario shorter = small_uncertain();
  shorter.info.end = {2021, 12, 31};
  CHECK_THROWS_WITH(collect_outcomes({&a, &shorter}),
                    Catch::Contains("top200_download_share_2022") &&
                        Catch::Contains("this scenario runs 2020-2021"));
}
