#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/counter_rng.h"
#include "core/radix_sort.h"

using namespace hubsim;

namespace {

// Values of at most `bits` bits, many of them repeated (as download counts are).
std::vector<uint64_t> random_values(size_t n, int bits, uint32_t entity) {
  Stream rng(StreamKey::derive(7, 0), Purpose::kCalibration, entity, 0);
  std::vector<uint64_t> v(n);
  for (auto& x : v) {
    const uint64_t raw = (uint64_t(rng()) << 32) | rng();
    x = bits >= 64 ? raw : raw & ((uint64_t(1) << bits) - 1);
    if (rng() % 4 == 0) x %= 3;  // ties and zeros
  }
  return v;
}

void require_sorted_like_std_sort(std::vector<uint64_t> v) {
  std::vector<uint64_t> expected = v;
  std::sort(expected.begin(), expected.end());
  radix_sort(v);
  REQUIRE(v == expected);
}

}  // namespace

TEST_CASE("radix sort gives std::sort's order", "[stats]") {
  SECTION("empty, short and all-zero inputs") {
    require_sorted_like_std_sort({});
    require_sorted_like_std_sort({5});
    require_sorted_like_std_sort(std::vector<uint64_t>(1000, 0));
  }
  SECTION("widths from one digit to all 64 bits, an odd and an even number of passes") {
    uint32_t entity = 0;
    for (int bits : {1, 10, 11, 12, 22, 23, 33, 40, 63, 64})
      for (size_t n : {size_t(255), size_t(256), size_t(5000), size_t(100003)})
        require_sorted_like_std_sort(random_values(n, bits, entity++));
  }
  SECTION("the largest values and descending input") {
    std::vector<uint64_t> v;
    for (uint64_t i = 0; i < 3000; ++i) v.push_back(std::numeric_limits<uint64_t>::max() - i);
    require_sorted_like_std_sort(v);
  }
}
