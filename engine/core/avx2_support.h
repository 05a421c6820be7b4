#pragma once
// Whether the AVX2 paths of the batched draws (philox_batch, poisson_batch) exist in this build
// and may run here: they are compiled, with target("avx2") attributes, by GCC or Clang for
// x86-64, and they run only when the CPU has AVX2 (checked once at run time). Otherwise the
// scalar paths give the same numbers.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HUBSIM_HAVE_AVX2_PATH 1

namespace hubsim {

inline bool cpu_has_avx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}

}  // namespace hubsim
#endif
