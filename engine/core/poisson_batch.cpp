#include "core/poisson_batch.h"

#include <algorithm>
#include <array>

#include "core/avx2_support.h"
#include "core/philox_batch.h"

namespace hubsim {

namespace {

constexpr size_t kChunk = 256;

#ifdef HUBSIM_HAVE_AVX2_PATH
// Stream::uniform() of four lanes from their draws hi and lo, with the same roundings: the
// 53-bit integer (hi >> 5) * 2^26 + (lo >> 6) is exact in a double, then + 0.5, then scaled,
// then kept below 1.
__attribute__((target("avx2"))) inline __m256d uniform4(__m128i hi, __m128i lo) {
  const __m256d h = _mm256_cvtepi32_pd(_mm_srli_epi32(hi, 5));
  const __m256d l = _mm256_cvtepi32_pd(_mm_srli_epi32(lo, 6));
  const __m256d x = _mm256_add_pd(_mm256_mul_pd(h, _mm256_set1_pd(67108864.0)), l);
  const __m256d u = _mm256_mul_pd(_mm256_add_pd(x, _mm256_set1_pd(0.5)),
                                  _mm256_set1_pd(1.0 / 9007199254740992.0));
  return _mm256_min_pd(u, _mm256_set1_pd(Stream::kBelowOne));
}

// PTRS lanes whose first candidate failed the squeeze: their constants and candidate, so the
// scalar test goes on from there instead of drawing the candidate again.
struct PtrsLanes {
  alignas(32) double a[4], b[4], vr[4], us[4], V[4], kf[4];
  int resumable = 0;  // lane mask
};

// Settles what the first block can settle for four lanes: `done` marks the lanes settled, `value`
// holds their draws. Follows Stream::poisson operation by operation (and nothing is contracted
// into FMA: see the header).
__attribute__((target("avx2"))) void first_block_draws4(const StreamBlock* blocks,
                                                        const double* means, double* value,
                                                        int& done, PtrsLanes& ptrs) {
  const __m128i r0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks[0].data()));
  const __m128i r1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks[1].data()));
  const __m128i r2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks[2].data()));
  const __m128i r3 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks[3].data()));
  // Transpose: word j of the four lanes.
  const __m128i t0 = _mm_unpacklo_epi32(r0, r1), t1 = _mm_unpacklo_epi32(r2, r3);
  const __m128i t2 = _mm_unpackhi_epi32(r0, r1), t3 = _mm_unpackhi_epi32(r2, r3);
  const __m256d u1 = uniform4(_mm_unpacklo_epi64(t0, t1), _mm_unpackhi_epi64(t0, t1));
  const __m256d u2 = uniform4(_mm_unpacklo_epi64(t2, t3), _mm_unpackhi_epi64(t2, t3));
  const __m256d mean = _mm256_loadu_pd(means);
  const __m256d limit = _mm256_set1_pd(Stream::kPoissonInversionBelow);

  // Not positive (or NaN): zero. Inversion: zero when u <= 1 - mean.
  const __m256d positive = _mm256_cmp_pd(mean, _mm256_setzero_pd(), _CMP_GT_OQ);
  const __m256d inversion = _mm256_and_pd(positive, _mm256_cmp_pd(mean, limit, _CMP_LT_OQ));
  const __m256d zero_by_u = _mm256_and_pd(
      inversion, _mm256_cmp_pd(u1, _mm256_sub_pd(_mm256_set1_pd(1.0), mean), _CMP_LE_OQ));
  const __m256d zero = _mm256_or_pd(
      _mm256_andnot_pd(positive, _mm256_castsi256_pd(_mm256_set1_epi64x(-1))), zero_by_u);

  // PTRS's first candidate (finite means that fit an int64 comfortably).
  const __m256d slam = _mm256_sqrt_pd(mean);
  const __m256d b = _mm256_add_pd(_mm256_set1_pd(0.931), _mm256_mul_pd(_mm256_set1_pd(2.53), slam));
  const __m256d a =
      _mm256_add_pd(_mm256_set1_pd(-0.059), _mm256_mul_pd(_mm256_set1_pd(0.02483), b));
  const __m256d vr =
      _mm256_sub_pd(_mm256_set1_pd(0.9277),
                    _mm256_div_pd(_mm256_set1_pd(3.6224), _mm256_sub_pd(b, _mm256_set1_pd(2.0))));
  const __m256d U = _mm256_sub_pd(u1, _mm256_set1_pd(0.5));
  const __m256d abs_U = _mm256_andnot_pd(_mm256_set1_pd(-0.0), U);
  const __m256d us = _mm256_sub_pd(_mm256_set1_pd(0.5), abs_U);
  const __m256d slope = _mm256_add_pd(_mm256_div_pd(_mm256_mul_pd(_mm256_set1_pd(2.0), a), us), b);
  const __m256d kf = _mm256_floor_pd(
      _mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(slope, U), mean), _mm256_set1_pd(0.43)));
  const __m256d rejection = _mm256_and_pd(_mm256_cmp_pd(mean, limit, _CMP_GE_OQ),
                                          _mm256_cmp_pd(mean, _mm256_set1_pd(0x1p52), _CMP_LT_OQ));
  const __m256d squeeze = _mm256_and_pd(_mm256_cmp_pd(us, _mm256_set1_pd(0.07), _CMP_GE_OQ),
                                        _mm256_cmp_pd(u2, vr, _CMP_LE_OQ));
  const __m256d accepted = _mm256_and_pd(rejection, squeeze);

  _mm256_storeu_pd(value, _mm256_and_pd(accepted, kf));  // zero lanes hold +0.0
  done = _mm256_movemask_pd(_mm256_or_pd(zero, accepted));
  ptrs.resumable = _mm256_movemask_pd(_mm256_andnot_pd(squeeze, rejection));
  if (ptrs.resumable) {
    _mm256_store_pd(ptrs.a, a);
    _mm256_store_pd(ptrs.b, b);
    _mm256_store_pd(ptrs.vr, vr);
    _mm256_store_pd(ptrs.us, us);
    _mm256_store_pd(ptrs.V, u2);
    _mm256_store_pd(ptrs.kf, kf);
  }
}

size_t poisson_draws_avx2(StreamKey key, Purpose purpose, uint32_t first_entity, uint32_t step,
                          std::span<const double> means, const StreamBlock* blocks, int64_t* out) {
  const size_t n = means.size();
  const size_t full = n / 4 * 4;
  size_t settled = 0;
  for (size_t g = 0; g < full; g += 4) {
    alignas(32) double value[4];
    int done = 0;
    PtrsLanes ptrs;
    first_block_draws4(blocks + g, means.data() + g, value, done, ptrs);
    for (size_t i = 0; i < 4; ++i) {
      if (done >> i & 1) {
        out[g + i] = int64_t(value[i]);
        ++settled;
        continue;
      }
      Stream rng(key, purpose, first_entity + uint32_t(g + i), step, blocks[g + i]);
      if (ptrs.resumable >> i & 1) {
        // The lane drew the first candidate from the first block's two uniforms.
        rng.uniform();
        rng.uniform();
        Stream::PtrsShape shape;
        shape.a = ptrs.a[i];
        shape.b = ptrs.b[i];
        shape.vr = ptrs.vr[i];
        const Stream::PtrsCandidate first{ptrs.us[i], ptrs.V[i], ptrs.kf[i]};
        out[g + i] = rng.poisson_ptrs(means[g + i], shape, &first);
      } else {
        out[g + i] = rng.poisson(means[g + i]);
      }
    }
  }
  for (size_t i = full; i < n; ++i) {
    Stream rng(key, purpose, first_entity + uint32_t(i), step, blocks[i]);
    out[i] = rng.poisson(means[i]);
  }
  return settled;
}
#endif

}  // namespace

void poisson_draws_scalar(StreamKey key, Purpose purpose, uint32_t first_entity, uint32_t step,
                          std::span<const double> means, int64_t* out) {
  for (size_t i = 0; i < means.size(); ++i) {
    Stream rng(key, purpose, first_entity + uint32_t(i), step);
    out[i] = rng.poisson(means[i]);
  }
}

size_t poisson_draws(StreamKey key, Purpose purpose, uint32_t first_entity, uint32_t step,
                     std::span<const double> means, int64_t* out) {
#ifdef HUBSIM_HAVE_AVX2_PATH
  if (cpu_has_avx2()) {
    size_t settled = 0;
    std::array<StreamBlock, kChunk> blocks;
    for (size_t begin = 0; begin < means.size(); begin += kChunk) {
      const size_t count = std::min(kChunk, means.size() - begin);
      const uint32_t entity = first_entity + uint32_t(begin);
      first_blocks(key, purpose, entity, step, std::span(blocks).first(count));
      settled += poisson_draws_avx2(key, purpose, entity, step, means.subspan(begin, count),
                                    blocks.data(), out + begin);
    }
    return settled;
  }
#endif
  poisson_draws_scalar(key, purpose, first_entity, step, means, out);
  return 0;
}

}  // namespace hubsim
