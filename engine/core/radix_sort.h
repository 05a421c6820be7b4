#pragma once
// Sorting many unsigned integers (per-model download counts, for the concentration statistics):
// a least-significant-digit radix sort, linear in the count and in the number of 11-bit digits
// the largest value needs (three for values below 2^33), several times faster than a comparison
// sort on tens of millions of values. The result is the ascending order, as std::sort gives.
#include <cstdint>
#include <vector>

namespace hubsim {

void radix_sort(std::vector<uint64_t>& values);

}  // namespace hubsim
