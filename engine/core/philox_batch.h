#pragma once
// The first block (four 32-bit draws) of many counter-based streams at once. A stream's first
// Philox block costs a chain of ten dependent multiplications; computing eight streams side by
// side in AVX2 lanes costs about a quarter of computing them one at a time. The numbers are
// bit-identical to what Stream would draw first, so callers may switch without changing results.
#include <cstdint>
#include <span>

#include "core/counter_rng.h"

namespace hubsim {

// out[i] = the first four draws of Stream(key, purpose, first_entity + i, step).
void first_blocks(StreamKey key, Purpose purpose, uint32_t first_entity, uint32_t step,
                  std::span<StreamBlock> out);

// The portable path, always available (and the reference of the tests).
void first_blocks_scalar(StreamKey key, Purpose purpose, uint32_t first_entity, uint32_t step,
                         std::span<StreamBlock> out);

}  // namespace hubsim
