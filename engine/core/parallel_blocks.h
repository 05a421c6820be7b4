#pragma once
// Deterministic data parallelism: work over [0, n) is cut into blocks of a FIXED size (never
// derived from the thread count), each block writes its own partial results, and partials are
// combined in block order. Floating-point sums are therefore identical for any thread count.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_group.h>

#include <cstddef>
#include <stdexcept>

namespace hubsim {

inline constexpr size_t kBlockSize = 32768;

inline size_t block_count(size_t n, size_t block = kBlockSize) {
  return (n + block - 1) / block;
}

// Thrown by for_each_block when the loop was cancelled before every block ran, because a TBB
// task group enclosing the caller was cancelled (e.g. a sibling replication in an ensemble or a
// calibration batch threw). The enclosing group reports its own error; this only stops the
// caller from going on with blocks that never ran.
class ParallelLoopCancelled : public std::runtime_error {
 public:
  ParallelLoopCancelled()
      : std::runtime_error("parallel loop cancelled by an enclosing task group") {}
};

// Calls fn(block_index, begin, end) for every block, in parallel. Throws ParallelLoopCancelled
// when the loop was cancelled (some blocks may not have run) rather than returning.
template <class Fn>
void for_each_block(size_t n, Fn&& fn, size_t block = kBlockSize) {
  const size_t blocks = block_count(n, block);
  // Bound to the caller's task group: when that group is cancelled, tbb::parallel_for skips the
  // remaining blocks and returns normally, so the cancellation must be checked here.
  tbb::task_group_context context;
  tbb::parallel_for(
      tbb::blocked_range<size_t>(0, blocks, 1),
      [&](const tbb::blocked_range<size_t>& r) {
        for (size_t b = r.begin(); b != r.end(); ++b) {
          const size_t begin = b * block;
          const size_t end = begin + block < n ? begin + block : n;
          fn(b, begin, end);
        }
      },
      tbb::simple_partitioner(), context);
  if (context.is_group_execution_cancelled()) throw ParallelLoopCancelled();
}

}  // namespace hubsim
