#pragma once
// Draws parent models for new derivatives in proportion to integer weights computed for every
// model in the weekly download pass (last week's downloads times openness, size and freshness
// factors). Weights are integers and are summed per fixed block, so the draw is identical for
// any thread count.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hubsim {

class ParentSampler {
 public:
  enum Pool { kQuantize = 0, kDerive = 1 };

  // Prepares storage for n models in blocks of block_size (prefixes are block-local).
  void reset(size_t n, size_t block_size);
  uint64_t* prefix(Pool pool) { return prefix_[pool].data(); }
  // After all blocks wrote their inclusive local prefixes: block totals -> block offsets.
  void finish_blocks();

  uint64_t total(Pool pool) const { return offsets_[pool].empty() ? 0 : offsets_[pool].back(); }
  size_t size() const { return n_; }
  // Model whose weight interval contains u * total (u in [0,1)); -1 when the pool is empty.
  int32_t pick(Pool pool, double u) const;

 private:
  size_t n_ = 0;
  size_t block_ = 1;
  std::vector<uint64_t> prefix_[2];
  std::vector<uint64_t> offsets_[2];  // exclusive prefix over blocks, size blocks + 1
  // Every kGroup-th local prefix (the last of each group of a block), searched first so that a
  // pick reads a few cache lines of a block instead of bisecting all of it.
  static constexpr size_t kGroup = 64;
  std::vector<uint64_t> group_last_[2];
  size_t groups_per_block_ = 0;
};

}  // namespace hubsim
