// Dated events: the landmark release and the strategic pivot change the world when their step
// comes, and only then; disabling them removes their effect.
#include <catch2/catch.hpp>

#include "events/event.h"
#include "sim/simulation.h"
#include "support/test_scenarios.h"

using namespace hubsim;

namespace {
double stat(const ReplicationResult& r, const std::string& key) {
  for (const auto& s : r.stats)
    if (s.key == key) return s.value;
  return std::nan("");
}
Scenario without_event(Scenario s, const std::string& id) {
  std::erase_if(s.events, [&](const auto& e) { return e->id() == id; });
  return s;
}
}  // namespace

TEST_CASE("the landmark release puts its sizes on the hub at its date", "[events]") {
  const Scenario with = test::small_baseline(0.002, {2025, 3, 31});
  const Scenario without = without_event(with, "deepseek-r1");
  REQUIRE(without.events.size() + 1 == with.events.size());
  ReplicationOptions keep;
  keep.keep_model_table = true;
  const ReplicationResult a = run_replication(with, 0, keep);
  const ReplicationResult b = run_replication(without, 0, keep);
  const int64_t day = days_from_civil({2025, 1, 20});
  auto deepseek_release_near = [&](const ReplicationResult& r) {
    int n = 0;
    const auto& m = *r.models;
    for (size_t i = 0; i < m.size(); ++i)
      if (m.family_names[size_t(m.family[i])] == "deepseek" && m.kind[i] == uint8_t(ModelKind::kBase) &&
          m.release_day[i] <= day && m.release_day[i] > day - 7)
        ++n;
    return n;
  };
  CHECK(deepseek_release_near(a) >= 7);  // the seven sizes of the event
  CHECK(deepseek_release_near(b) < 7);
  // The jump shows in the family's downloads after the date.
  auto deepseek_downloads_2025 = [](const ReplicationResult& r) {
    return test::family_downloads_last_year(*r.models, "deepseek");
  };
  CHECK(deepseek_downloads_2025(a) > 2 * deepseek_downloads_2025(b));
}

TEST_CASE("the strategic pivot multiplies the targets' releases from its date", "[events]") {
  const Scenario with = test::small_baseline(0.002, {2025, 12, 31});
  const Scenario without = without_event(with, "cn-pivot-2025");
  const ReplicationResult a = run_replication(with, 0);
  const ReplicationResult b = run_replication(without, 0);
  CHECK(stat(a, "releases_baidu_2024") == 0);  // closed before the pivot
  CHECK(stat(a, "releases_baidu_2025") > 30);
  CHECK(stat(b, "releases_baidu_2025") == 0);
  CHECK(stat(a, "releases_bytedance_2025") > 4 * stat(a, "releases_bytedance_2024"));
  CHECK(stat(a, "releases_bytedance_2024") == stat(b, "releases_bytedance_2024"));
}

TEST_CASE("switching events off removes every event's effect", "[events]") {
  Scenario off = test::small_baseline(0.002, {2025, 12, 31}, {{"mechanisms.events", 0}});
  const ReplicationResult r = run_replication(off, 0);
  CHECK(stat(r, "releases_baidu_2025") == 0);
}
