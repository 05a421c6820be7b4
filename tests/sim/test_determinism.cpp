// Same scenario and seed -> identical series and statistics for any thread count: every random
// draw comes from a counter-based stream keyed by (seed, replication, purpose, entity, step) and
// every parallel sum is combined in a fixed block order.
#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include "sim/ensemble.h"
#include "sim/simulation.h"
#include "support/test_scenarios.h"

using namespace hubsim;

namespace {
void require_identical(const ReplicationResult& a, const ReplicationResult& b) {
  REQUIRE(a.series.all().size() == b.series.all().size());
  for (const Series& s : a.series.all()) {
    const Series& t = b.series.get(s.name);
    INFO(s.name);
    REQUIRE(s.values.size() == t.values.size());
    CHECK(s.values == t.values);  // bitwise equality, no tolerance
  }
  REQUIRE(a.stats.size() == b.stats.size());
  for (size_t i = 0; i < a.stats.size(); ++i) {
    INFO(a.stats[i].key);
    CHECK(a.stats[i].key == b.stats[i].key);
    const double x = a.stats[i].value, y = b.stats[i].value;
    CHECK(((x == y) || (std::isnan(x) && std::isnan(y))));
  }
}
}  // namespace

TEST_CASE("results are identical for 1, 2 and 4 threads", "[determinism]") {
  // Large enough that the model table spans several parallel blocks.
  const Scenario s = test::small_baseline(0.1, {2025, 6, 30});
  std::vector<ReplicationResult> runs;
  for (size_t threads : {1, 2, 4}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    runs.push_back(run_replication(s, 1));
  }
  REQUIRE(runs[0].peak_models > 3 * 32768);
  require_identical(runs[0], runs[1]);
  require_identical(runs[0], runs[2]);
}

TEST_CASE("an ensemble's replications equal the same replications run alone", "[determinism]") {
  const Scenario s = test::small_baseline(0.005, {2023, 3, 31});
  EnsembleOptions o;
  o.replications = 3;
  const std::vector<ReplicationResult> ensemble = run_ensemble(s, o);
  for (int r = 0; r < 3; ++r) require_identical(ensemble[size_t(r)], run_replication(s, r));
}

TEST_CASE("different seeds and replications give different histories", "[determinism]") {
  Scenario s = test::small_baseline(0.005, {2022, 6, 30});
  const ReplicationResult a = run_replication(s, 0);
  const ReplicationResult b = run_replication(s, 1);
  s.info.seed += 1;
  const ReplicationResult c = run_replication(s, 0);
  CHECK(a.series.get("new_downloads").values != b.series.get("new_downloads").values);
  CHECK(a.series.get("new_downloads").values != c.series.get("new_downloads").values);
}
