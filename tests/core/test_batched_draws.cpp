#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "core/avx2_support.h"
#include "core/counter_rng.h"
#include "core/philox_batch.h"
#include "core/poisson_batch.h"

using namespace hubsim;

TEST_CASE("batched first blocks are the first draws of each stream", "[rng]") {
  const StreamKey key = StreamKey::derive(42, 3);
  // Counts around the 8-lane width, and entities that wrap past 2^32.
  for (const size_t count : {size_t(0), size_t(1), size_t(7), size_t(8), size_t(9), size_t(300)}) {
    for (const uint32_t first : {0u, 12345u, 0xFFFFFFFAu}) {
      std::vector<StreamBlock> batched(count), scalar(count);
      first_blocks(key, Purpose::kDownloads, first, 77, batched);
      first_blocks_scalar(key, Purpose::kDownloads, first, 77, scalar);
      for (size_t i = 0; i < count; ++i) {
        Stream rng(key, Purpose::kDownloads, first + uint32_t(i), 77);
        const StreamBlock expected{rng(), rng(), rng(), rng()};
        INFO("count " << count << ", entity " << first + uint32_t(i));
        CHECK(batched[i] == expected);
        CHECK(scalar[i] == expected);
      }
    }
  }
}

TEST_CASE("a stream given its first block continues as the stream itself", "[rng]") {
  const StreamKey key = StreamKey::derive(7, 0);
  std::vector<StreamBlock> blocks(3);
  first_blocks(key, Purpose::kDerivations, 40, 9, blocks);
  Stream plain(key, Purpose::kDerivations, 41, 9),
      given(key, Purpose::kDerivations, 41, 9, blocks[1]);
  for (int i = 0; i < 50; ++i) CHECK(plain() == given());
}

TEST_CASE("batched Poisson draws equal each stream's own draw, bit for bit", "[rng]") {
  const StreamKey key = StreamKey::derive(2026, 1);
  // Edge means (not positive, NaN, both sides of the inversion limit, huge), then means spread
  // log-uniformly over 1e-6 .. 1e7, so that every path (zero by the first uniform, inversion,
  // squeeze acceptance, full rejection step) is taken many times.
  std::vector<double> means = {0.0,
                               -1.0,
                               std::numeric_limits<double>::quiet_NaN(),
                               1e-12,
                               0.05,
                               0.999,
                               1.0,
                               5.0,
                               std::nextafter(Stream::kPoissonInversionBelow, 0.0),
                               Stream::kPoissonInversionBelow,
                               12.5,
                               1e3,
                               1e6,
                               1e9};
  Stream spread(key, Purpose::kCalibration, 0, 0);
  while (means.size() < 20011) means.push_back(std::pow(10.0, -6.0 + 13.0 * spread.uniform()));
  std::vector<int64_t> batched(means.size()), scalar(means.size());
  for (const uint32_t first : {0u, 999u}) {
    const size_t settled = poisson_draws(key, Purpose::kDownloads, first, 5, means, batched.data());
    poisson_draws_scalar(key, Purpose::kDownloads, first, 5, means, scalar.data());
    size_t mismatches = 0, positive = 0;
    for (size_t i = 0; i < means.size(); ++i) {
      Stream rng(key, Purpose::kDownloads, first + uint32_t(i), 5);
      const int64_t expected = rng.poisson(means[i]);
      mismatches += batched[i] != expected || scalar[i] != expected;
      positive += expected > 0;
    }
    CHECK(mismatches == 0);
    CHECK(positive > means.size() / 2);  // the draws are not trivially zero
#ifdef HUBSIM_HAVE_AVX2_PATH
    // The lanes, not only the fallback (which is the reference), settle draws: two fifths of the
    // means are below 0.1 (settled at zero almost always) and nearly half above 12 (about
    // three quarters of those settled by the squeeze).
    INFO("settled in lanes: " << settled << " of " << means.size());
    if (cpu_has_avx2()) CHECK(settled > means.size() / 2);
#endif
    if (settled == 0) WARN("no AVX2 here: only the scalar path was compared");
  }
}
