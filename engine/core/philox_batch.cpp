#include "core/philox_batch.h"

#include "core/avx2_support.h"

namespace hubsim {

namespace {

// Philox4x32-10 constants (Random123's PHILOX_M4x32_* and PHILOX_W32_*).
constexpr uint32_t kMul0 = 0xD2511F53u, kMul1 = 0xCD9E8D57u;
constexpr uint32_t kWeyl0 = 0x9E3779B9u, kWeyl1 = 0xBB67AE85u;
constexpr int kRounds = 10;

#ifdef HUBSIM_HAVE_AVX2_PATH
// The high and low 32-bit halves of the products of 8 lanes with one 32-bit constant.
__attribute__((target("avx2"))) inline void mulhilo8(__m256i x, __m256i mul, __m256i& hi,
                                                     __m256i& lo) {
  const __m256i even = _mm256_mul_epu32(x, mul);
  const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), mul);
  hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
  lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
}

__attribute__((target("avx2"))) void first_blocks_avx2(StreamKey key, Purpose purpose,
                                                       uint32_t first_entity, uint32_t step,
                                                       std::span<StreamBlock> out) {
  const __m256i mul0 = _mm256_set1_epi64x(kMul0), mul1 = _mm256_set1_epi64x(kMul1);
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  const size_t full = out.size() / 8 * 8;
  for (size_t g = 0; g < full; g += 8) {
    __m256i c0 = _mm256_set1_epi32(int(purpose));
    __m256i c1 = _mm256_add_epi32(_mm256_set1_epi32(int(first_entity + uint32_t(g))), lane);
    __m256i c2 = _mm256_set1_epi32(int(step));
    __m256i c3 = _mm256_setzero_si256();
    uint32_t k0 = key.k0, k1 = key.k1;
    for (int r = 0; r < kRounds; ++r) {
      __m256i hi0, lo0, hi1, lo1;
      mulhilo8(c0, mul0, hi0, lo0);
      mulhilo8(c2, mul1, hi1, lo1);
      c0 = _mm256_xor_si256(_mm256_xor_si256(hi1, c1), _mm256_set1_epi32(int(k0)));
      c2 = _mm256_xor_si256(_mm256_xor_si256(hi0, c3), _mm256_set1_epi32(int(k1)));
      c1 = lo1;
      c3 = lo0;
      k0 += kWeyl0;
      k1 += kWeyl1;
    }
    alignas(32) uint32_t w0[8], w1[8], w2[8], w3[8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(w0), c0);
    _mm256_store_si256(reinterpret_cast<__m256i*>(w1), c1);
    _mm256_store_si256(reinterpret_cast<__m256i*>(w2), c2);
    _mm256_store_si256(reinterpret_cast<__m256i*>(w3), c3);
    for (size_t i = 0; i < 8; ++i) out[g + i] = {w0[i], w1[i], w2[i], w3[i]};
  }
  first_blocks_scalar(key, purpose, first_entity + uint32_t(full), step, out.subspan(full));
}
#endif

}  // namespace

void first_blocks_scalar(StreamKey key, Purpose purpose, uint32_t first_entity, uint32_t step,
                         std::span<StreamBlock> out) {
  for (size_t i = 0; i < out.size(); ++i) {
    Stream rng(key, purpose, first_entity + uint32_t(i), step);
    out[i] = {rng(), rng(), rng(), rng()};
  }
}

void first_blocks(StreamKey key, Purpose purpose, uint32_t first_entity, uint32_t step,
                  std::span<StreamBlock> out) {
#ifdef HUBSIM_HAVE_AVX2_PATH
  if (cpu_has_avx2()) return first_blocks_avx2(key, purpose, first_entity, step, out);
#endif
  first_blocks_scalar(key, purpose, first_entity, step, out);
}

}  // namespace hubsim
