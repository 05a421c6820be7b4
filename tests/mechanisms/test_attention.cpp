// Statistical test of attention decay: the mean engagement measured over many simulated models
// matches the configured decay within k standard errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "sim/simulation.h"
#include "support/test_scenarios.h"

using namespace hubsim;

namespace {

// Expected download-weighted mean age (weeks) over the 26-week window for fresh attention
// r^a at age a steps and no residual: what mean_engagement_weeks measures.
double expected_engagement(double mean_weeks, int window_steps) {
  const double r = std::exp(-1.0 / mean_weeks);
  double num = 0, den = 0;
  for (int a = 0; a < window_steps; ++a) {
    num += (a + 0.5) * std::pow(r, a);
    den += std::pow(r, a);
  }
  return num / den;
}

// A stationary world: fixed users, hardware and publishers, one task, no derivatives, no
// renewals, no residual attention, so the allocation per unit of attention stays constant and
// only decay shapes a model's downloads.
Scenario stationary_world(double mean_weeks) {
  Scenario s = test::small_baseline(0.1, {2023, 12, 31},
                                    {{"attention.mean_weeks", mean_weeks},
                                     {"attention.residual", 0.0},
                                     {"demand.downloads_growth_per_year", 0.0},
                                     {"mechanisms.growth", 0},
                                     {"mechanisms.derivation", 0},
                                     {"mechanisms.continuous_updates", 0},
                                     {"mechanisms.cumulative_advantage", 0},
                                     {"mechanisms.events", 0},
                                     {"creators.mean_lifetime_years", 50},
                                     {"initial.models", 40000}});
  // Generated publishers only: a named release's large appeal would make the allocation lumpy.
  s.named_publishers.clear();
  s.events.clear();
  for (auto& t : s.publisher_types) t.mean_lifetime_years = 100;
  // One task: a model of a rare task would otherwise hold its task's whole demand however its
  // attention decays (it competes with nobody), which is competition, not decay.
  TaskSpec all;
  all.name = "all";
  all.demand_share = all.release_share = 1.0;
  s.tasks = {all};
  s.params.users_tier_upgrade_per_year = 0;
  s.publisher_types[size_t(PublisherType::kIndustry)].initial = 20000;
  s.publisher_types[size_t(PublisherType::kAcademic)].initial = 20000;
  return s;
}

}  // namespace

TEST_CASE("measured mean engagement matches the configured decay within 4 standard errors",
          "[attention][statistical][slow]") {
  for (double mean_weeks : {3.0, 6.0}) {
    const Scenario s = stationary_world(mean_weeks);
    const int replications = 6;
    std::vector<double> values;
    for (int r = 0; r < replications; ++r) {
      const ReplicationResult res = run_replication(s, r);
      for (const auto& st : res.stats)
        if (st.key == "mean_engagement_weeks_2022" || st.key == "mean_engagement_weeks_2023")
          values.push_back(st.value);
    }
    REQUIRE(values.size() == size_t(2 * replications));
    double mean = 0;
    for (double v : values) mean += v;
    mean /= double(values.size());
    double var = 0;
    for (double v : values) var += (v - mean) * (v - mean);
    const double se = std::sqrt(var / double(values.size() - 1) / double(values.size()));
    const double expected = expected_engagement(mean_weeks, 26);
    INFO("configured " << mean_weeks << " weeks: expected " << expected << ", measured " << mean
                       << " +- " << se);
    CHECK(std::fabs(mean - expected) < 4 * se + 1e-9);
    CHECK(se < 0.05 * expected);  // the test has power
  }
}

TEST_CASE("without decay attention does not fade: engagement spreads over the whole window",
          "[attention]") {
  Scenario s = stationary_world(6.0);
  s.params.mechanisms.attention_decay = false;
  const ReplicationResult res = run_replication(s, 0);
  bool seen = false;
  for (const auto& st : res.stats)
    if (st.key == "mean_engagement_weeks_2022") {
      seen = true;
      CHECK(st.value > 11.0);  // 13 for a constant download rate over the 26-week window
    }
  CHECK(seen);
}
