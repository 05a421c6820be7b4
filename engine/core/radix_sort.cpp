#include "core/radix_sort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <utility>

namespace hubsim {

void radix_sort(std::vector<uint64_t>& values) {
  constexpr int kBits = 11;
  constexpr size_t kBins = size_t(1) << kBits;
  const size_t n = values.size();
  if (n < 256) {  // a comparison sort is faster than the histogram passes
    std::sort(values.begin(), values.end());
    return;
  }
  const uint64_t largest = *std::max_element(values.begin(), values.end());
  const int digits = (std::bit_width(largest) + kBits - 1) / kBits;
  std::vector<uint64_t> scratch(n);
  std::vector<size_t> start(kBins);
  uint64_t* from = values.data();
  uint64_t* to = scratch.data();
  for (int d = 0; d < digits; ++d) {
    const int shift = d * kBits;
    std::fill(start.begin(), start.end(), 0);
    for (size_t i = 0; i < n; ++i) ++start[(from[i] >> shift) & (kBins - 1)];
    size_t offset = 0;
    for (size_t& s : start) offset += std::exchange(s, offset);
    for (size_t i = 0; i < n; ++i) to[start[(from[i] >> shift) & (kBins - 1)]++] = from[i];
    std::swap(from, to);
  }
  if (from != values.data()) std::copy(from, from + n, values.data());
}

}  // namespace hubsim
