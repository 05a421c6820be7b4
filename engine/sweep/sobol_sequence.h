#pragma once
// The Sobol low-discrepancy sequence (unscrambled) with the Joe-Kuo direction numbers, in Gray
// code order (the order of Joe and Kuo's reference code and of SciPy's qmc.Sobol). Points are
// computed by index, so any part of the sequence can be generated independently.
//
// Limits: at most kSobolMaxDimensions (256) dimensions and 2^32 - 1 points; coordinates have 32
// bits of resolution. Point 0 is the origin.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sweep/joe_kuo_directions.h"

namespace hubsim::sweep {

class SobolSequence {
 public:
  static constexpr int kBits = 32;

  // Throws std::invalid_argument unless 1 <= dimensions <= kSobolMaxDimensions.
  explicit SobolSequence(int dimensions);

  int dimensions() const { return dimensions_; }
  // Coordinates of point `index` (index < 2^32), each in [0, 1); out.size() == dimensions().
  void point(uint64_t index, std::span<double> out) const;
  std::vector<double> point(uint64_t index) const;

 private:
  int dimensions_;
  // direction_[d * kBits + k]: the direction number v_{k+1} of dimension d, as a 32-bit fraction.
  std::vector<uint32_t> direction_;
};

}  // namespace hubsim::sweep
