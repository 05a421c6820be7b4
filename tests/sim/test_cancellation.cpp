// A replication running inside a TBB task group that gets cancelled (a sibling replication of an
// ensemble or a calibration batch threw) must stop with an exception, never go on with the
// partial results of parallel blocks that were skipped. tbb::parallel_for returns normally when
// its group is cancelled; the download pass then combined block partials that never ran (empty
// vectors) and crashed with SIGSEGV. Cancelling the enclosing group by hand is exactly what TBB
// does when a task throws, so these tests need no second thread and no timing.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <functional>
#include <vector>

#include "core/parallel_blocks.h"
#include "sim/simulation.h"
#include "support/test_scenarios.h"

using namespace hubsim;

namespace {

// Runs `work` as the only task of a task group that is cancelled before `work` starts.
void run_in_cancelled_group(const std::function<void()>& work) {
  tbb::task_group_context group;
  tbb::parallel_for(
      tbb::blocked_range<int>(0, 1),
      [&](const tbb::blocked_range<int>&) {
        group.cancel_group_execution();
        work();
      },
      tbb::simple_partitioner(), group);
}

}  // namespace

TEST_CASE("for_each_block runs every block exactly once", "[cancellation]") {
  const size_t n = 5 * kBlockSize + 7;
  std::vector<std::atomic<int>> visits(n);
  std::atomic<int> misplaced{0};  // Catch assertions are not thread-safe: count, check after
  for_each_block(n, [&](size_t b, size_t begin, size_t end) {
    if (begin != b * kBlockSize) ++misplaced;
    for (size_t i = begin; i < end; ++i) ++visits[i];
  });
  size_t once = 0;
  for (const auto& v : visits) once += v.load() == 1 ? 1 : 0;
  CHECK(misplaced.load() == 0);
  CHECK(once == n);
}

TEST_CASE("for_each_block throws when an enclosing task group is cancelled", "[cancellation]") {
  std::atomic<int> ran{0};
  bool threw = false;
  run_in_cancelled_group([&] {
    try {
      for_each_block(8 * kBlockSize, [&](size_t, size_t, size_t) { ++ran; });
    } catch (const ParallelLoopCancelled&) {
      threw = true;
    }
  });
  CHECK(threw);
  CHECK(ran.load() < 8);  // why it must throw: the cancelled loop skipped blocks
}

TEST_CASE("a replication in a cancelled task group throws instead of crashing", "[cancellation]") {
  const Scenario s = test::small_baseline(0.002, {2020, 9, 30});
  bool threw = false;
  run_in_cancelled_group([&] {
    try {
      run_replication(s, 0);
    } catch (const ParallelLoopCancelled&) {
      threw = true;
    }
  });
  CHECK(threw);
}
