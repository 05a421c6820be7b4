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
  for (int pool = 0; pool < 2; ++pool) {
    auto& off = offsets_[pool];
    off.assign(blocks + 1, 0);
    for (size_t b = 0; b < blocks; ++b) {
      const size_t last = std::min(n_, (b + 1) * block_) - 1;
      off[b + 1] = off[b] + prefix_[pool][last];
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
  const auto begin = prefix_[pool].begin() + std::ptrdiff_t(b * block_);
  const auto end = prefix_[pool].begin() + std::ptrdiff_t(std::min(n_, (b + 1) * block_));
  const auto it = std::upper_bound(begin, end, local);
  return int32_t(it - prefix_[pool].begin());
}

}  // namespace hubsim
