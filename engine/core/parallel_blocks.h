#pragma once
// Deterministic data parallelism: work over [0, n) is cut into blocks of a FIXED size (never
// derived from the thread count), each block writes its own partial results, and partials are
// combined in block order. Floating-point sums are therefore identical for any thread count.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <cstddef>

namespace hubsim {

inline constexpr size_t kBlockSize = 32768;

inline size_t block_count(size_t n, size_t block = kBlockSize) { return (n + block - 1) / block; }

// Calls fn(block_index, begin, end) for every block, in parallel.
template <class Fn>
void for_each_block(size_t n, Fn&& fn, size_t block = kBlockSize) {
  const size_t blocks = block_count(n, block);
  tbb::parallel_for(
      tbb::blocked_range<size_t>(0, blocks, 1),
      [&](const tbb::blocked_range<size_t>& r) {
        for (size_t b = r.begin(); b != r.end(); ++b) {
          const size_t begin = b * block;
          const size_t end = begin + block < n ? begin + block : n;
          fn(b, begin, end);
        }
      },
      tbb::simple_partitioner());
}

}  // namespace hubsim
