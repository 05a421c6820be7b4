#include "sweep/sobol_sequence.h"

#include <stdexcept>
#include <string>

namespace hubsim::sweep {

SobolSequence::SobolSequence(int dimensions) : dimensions_(dimensions) {
  if (dimensions < 1 || dimensions > kSobolMaxDimensions)
    throw std::invalid_argument("Sobol sequence: " + std::to_string(dimensions) +
                                " dimensions requested; supported: 1 to " +
                                std::to_string(kSobolMaxDimensions));
  direction_.assign(size_t(dimensions) * kBits, 0);
  // Dimension 1: van der Corput, every m_k = 1.
  for (int k = 0; k < kBits; ++k) direction_[size_t(k)] = uint32_t(1) << (kBits - 1 - k);
  const auto& table = joe_kuo_directions();
  for (int d = 1; d < dimensions; ++d) {
    const JoeKuoEntry& e = table[size_t(d - 1)];
    const int s = e.degree;
    uint32_t* v = &direction_[size_t(d) * kBits];  // v[k] holds v_{k+1}
    for (int k = 0; k < s && k < kBits; ++k) v[k] = uint32_t(e.m[size_t(k)]) << (kBits - 1 - k);
    // Bratley-Fox recurrence: v_i = v_{i-s} ^ (v_{i-s} >> s) ^ sum_{j<s} a_j v_{i-j}.
    for (int i = s; i < kBits; ++i) {
      uint32_t x = v[i - s] ^ (v[i - s] >> s);
      for (int j = 1; j < s; ++j)
        if ((e.coefficients >> (s - 1 - j)) & 1u) x ^= v[i - j];
      v[i] = x;
    }
  }
}

void SobolSequence::point(uint64_t index, std::span<double> out) const {
  if (index > 0xFFFFFFFFull)
    throw std::invalid_argument("Sobol sequence: point index " + std::to_string(index) +
                                " beyond 2^32 - 1");
  if (out.size() != size_t(dimensions_))
    throw std::invalid_argument("Sobol sequence: output span has the wrong size");
  // In Gray code order, point n is the XOR of the direction numbers at the set bits of
  // gray(n) = n ^ (n >> 1).
  const uint64_t gray = index ^ (index >> 1);
  for (int d = 0; d < dimensions_; ++d) {
    const uint32_t* v = &direction_[size_t(d) * kBits];
    uint32_t x = 0;
    for (int k = 0; k < kBits; ++k)
      if ((gray >> k) & 1u) x ^= v[k];
    out[size_t(d)] = double(x) * (1.0 / 4294967296.0);
  }
}

std::vector<double> SobolSequence::point(uint64_t index) const {
  std::vector<double> out(static_cast<size_t>(dimensions_));
  point(index, out);
  return out;
}

}  // namespace hubsim::sweep
