#pragma once
// Poisson draws for many counter-based streams at once, bit for bit what each stream's own
// Stream::poisson would draw. Many draws are settled by their stream's first block: a mean below
// the inversion limit whose first uniform says zero, or a mean above it whose first PTRS
// candidate passes the squeeze (0.86 x vr of them: two fifths at a mean of 12, two thirds at
// 100, three quarters at 1000). Those are computed four lanes at a time in AVX2 without a
// branch; the others fall back to Stream::poisson. The download pass draws every model's
// downloads this way every step, which makes it the hottest loop of the engine. Both this file
// and counter_rng.cpp are compiled with -ffp-contract=off, so no build fuses a multiply and an
// add in one path and not in the other.
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/counter_rng.h"

namespace hubsim {

// out[i] = Stream(key, purpose, first_entity + i, step).poisson(means[i]). Returns how many of
// the draws the AVX2 lanes settled (0 where the CPU has no AVX2).
size_t poisson_draws(StreamKey key, Purpose purpose, uint32_t first_entity, uint32_t step,
                     std::span<const double> means, int64_t* out);

// The same without the vector path (the reference of the tests).
void poisson_draws_scalar(StreamKey key, Purpose purpose, uint32_t first_entity, uint32_t step,
                          std::span<const double> means, int64_t* out);

}  // namespace hubsim
