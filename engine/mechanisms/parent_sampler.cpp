#include "mechanisms/parent_sampler.h"

#include <algorithm>

namespace hubsim {

void ParentSampler::reset(size_t n, size_t block_size) {
  n_ = n;
  block_ = block_size;
  for (auto& p : prefix_) p.resize(n);
  for (auto& o : offsets_) o.clear();
}

void ParentSampler::finish_blocks() {
  const size_t blocks = (n_ + block_ - 1) / block_;
  groups_per_block_ = (block_ + kGroup - 1) / kGroup;
  for (int pool = 0; pool < 2; ++pool) {
    auto& off = offsets_[pool];
    const auto& prefix = prefix_[pool];
    off.assign(blocks + 1, 0);
    auto& groups = group_last_[pool];
    groups.resize(blocks * groups_per_block_);
    for (size_t b = 0; b < blocks; ++b) {
      const size_t begin = b * block_, end = std::min(n_, begin + block_);
      off[b + 1] = off[b] + prefix[end - 1];
      // A partial last block repeats its last prefix in the groups past its end.
      for (size_t g = 0; g < groups_per_block_; ++g)
        groups[b * groups_per_block_ + g] = prefix[std::min(end, begin + (g + 1) * kGroup) - 1];
    }
  }
}

int32_t ParentSampler::pick(Pool pool, double u) const {
  const uint64_t total_weight = total(pool);
  if (total_weight == 0) return -1;
  auto target = uint64_t(u * double(total_weight));
  if (target >= total_weight) target = total_weight - 1;
  const auto& off = offsets_[pool];
  // Block b holds cumulative weights (off[b], off[b+1]].
  const size_t b = size_t(std::upper_bound(off.begin(), off.end(), target) - off.begin()) - 1;
  const uint64_t local = target - off[b];
  // The first model of the block whose local prefix exceeds `local` (it exists: local is below
  // the block's total) lies in the first group whose last prefix does.
  const auto groups = group_last_[pool].begin() + std::ptrdiff_t(b * groups_per_block_);
  const auto g =
      size_t(std::upper_bound(groups, groups + std::ptrdiff_t(groups_per_block_), local) - groups);
  const size_t block_end = std::min(n_, (b + 1) * block_);
  const auto begin = prefix_[pool].begin() + std::ptrdiff_t(b * block_ + g * kGroup);
  const auto end =
      prefix_[pool].begin() + std::ptrdiff_t(std::min(block_end, b * block_ + (g + 1) * kGroup));
  const auto it = std::upper_bound(begin, end, local);
  return int32_t(it - prefix_[pool].begin());
}

}  // namespace hubsim
