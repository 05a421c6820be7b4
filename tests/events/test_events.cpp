// Dated events: the landmark release and the strategic pivot change the world when their step
// comes, and only then; disabling them removes their effect.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <map>

#include "events/event.h"
#include "mechanisms/derivation.h"
#include "mechanisms/releases.h"
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
      if (m.family_names[size_t(m.family[i])] == "deepseek" &&
          m.kind[i] == uint8_t(ModelKind::kBase) && m.release_day[i] <= day &&
          m.release_day[i] > day - 7)
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
  CHECK(stat(a, "releases_bytedance_2024") == stat(b, "releases_bytedance_2024"));
  // x8 repositories expected (twice the releases, four repositories per size); one year's
  // count is a few releases of 1 + Poisson(2) sizes, so the growth is judged over replications.
  double before = 0, after = 0;
  for (int k = 0; k < 4; ++k) {
    const ReplicationResult r = k == 0 ? a : run_replication(with, k);
    before += stat(r, "releases_bytedance_2024");
    after += stat(r, "releases_bytedance_2025");
  }
  CHECK(after > 5 * before);
}

TEST_CASE("switching events off removes every event's effect", "[events]") {
  Scenario off = test::small_baseline(0.002, {2025, 12, 31}, {{"mechanisms.events", 0}});
  const ReplicationResult r = run_replication(off, 0);
  CHECK(stat(r, "releases_baidu_2025") == 0);
}

TEST_CASE("repositories per size split the size's appeal instead of adding to it", "[events]") {
  Scenario s = test::small_baseline(0.002, {2021, 6, 30}, {{"quality.base_sd_log", 0.0}});
  const Calendar cal = s.calendar();
  World w;
  w.layout = CellLayout{int(s.regions.size()), int(s.tasks.size())};
  NewPublisher named;
  named.named_index = 0;
  w.publishers.add(named);
  w.families.add(0, 0, ReleaseStrategy::kContinuous, -1, "");
  w.first_year = cal.year_of_step(0);
  w.named_releases_by_year.assign(1, std::vector<int64_t>(1, 0));
  const Context ctx{s, s.params, cal, StreamKey::derive(1, 0), 0.002, 0};
  Stream rng(ctx.key, Purpose::kNamedReleases, 0, 0);
  BatchRequest req;
  req.publisher = 0;
  req.family = 0;
  req.params = {7e9, 70e9};
  req.quality_log = std::log(800.0);
  req.official_quantized = 1;
  req.variants_per_size = 4;
  const std::vector<int32_t> ids = release_batch(w, ctx, req, rng);
  REQUIRE(ids.size() == 2 * 4 * 2);  // sizes x repositories x (base + official quantization)
  CHECK(w.named_releases_by_year[0][0] == 16);  // the releases_* statistics count repositories
  const double quantized = derivative_appeal_factor(s.params, ModelKind::kQuantized, ctx.years());
  double base_appeal = 0;
  int bases = 0;
  for (int32_t id : ids) {
    if (w.models.kind[size_t(id)] != uint8_t(ModelKind::kBase)) {
      CHECK(w.models.appeal[size_t(id)] == Approx(800.0 / 4 * quantized).epsilon(1e-5));
      continue;
    }
    ++bases;
    CHECK(w.models.appeal[size_t(id)] == Approx(800.0 / 4).epsilon(1e-5));
    base_appeal += w.models.appeal[size_t(id)];
  }
  CHECK(bases == 8);
  CHECK(base_appeal == Approx(2 * 800.0).epsilon(1e-5));  // each size keeps its total appeal
  CHECK(w.families.versions[0] == 1);                     // one release, not four
}

TEST_CASE("the baseline's CN pivot publishes four repositories per size from its date",
          "[events]") {
  const Scenario s = test::small_baseline(0.002, {2025, 6, 30});
  ReplicationOptions keep;
  keep.keep_model_table = true;
  const ReplicationResult r = run_replication(s, 0, keep);
  const auto& m = *r.models;
  // Releases in the pivot's week could fall on either side of its date: left out.
  const int64_t pivot = days_from_civil({2025, 1, 1});
  std::map<std::pair<int32_t, float>, int> per_release_size_before, per_release_size_after;
  for (size_t i = 0; i < m.size(); ++i) {
    if (m.family_names[size_t(m.family[i])] != "bytedance_seed" ||
        m.kind[i] != uint8_t(ModelKind::kBase))
      continue;
    if (std::abs(m.release_day[i] - pivot) < 7) continue;
    auto& by = m.release_day[i] < pivot ? per_release_size_before : per_release_size_after;
    ++by[{m.release_day[i], m.params[i]}];
  }
  REQUIRE_FALSE(per_release_size_before.empty());
  REQUIRE_FALSE(per_release_size_after.empty());
  for (const auto& [key, n] : per_release_size_before) CHECK(n == 1);
  for (const auto& [key, n] : per_release_size_after) CHECK(n == 4);
}
