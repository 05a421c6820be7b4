#pragma once
// Counter-based random streams (Random123 Philox4x32-10). Every draw is a pure function of
// (seed, replication, purpose, entity, step, draw index), so no number depends on which
// thread or rank produced it, nor on the order in which work was scheduled.
#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

namespace hubsim {

// What a stream is used for. Values are part of the reproducibility contract: never renumber.
enum class Purpose : uint32_t {
  kUserGrowth = 1,
  kCreatorEntry = 2,
  kPublisherEntry = 3,
  kPublisherTraits = 4,
  kBaseReleases = 5,
  kDerivations = 6,
  kDatasets = 7,
  kDownloads = 8,
  kEvents = 9,
  kInitialWorld = 10,
  kNamedReleases = 11,
  kPublisherExit = 12,
  kCalibration = 100,
  kSweep = 101,
  // Calibration stages (entity = generation or trajectory, step = candidate).
  kCalibrationScreening = 102,
  kCalibrationSearch = 103,
  kCalibrationPosterior = 104,
  kCalibrationPredictive = 105,
  // Ensemble members' parameter draws from a scenario's [uncertainty] (entity 0: posterior
  // sample; 1 + registry index: a parameter range; key = (seed, draw)).
  kPosteriorDraw = 106,
};

// The key of all streams of one replication of one seed.
struct StreamKey {
  uint32_t k0 = 0, k1 = 0;
  static StreamKey derive(uint64_t seed, uint64_t replication);
};

uint64_t splitmix64(uint64_t x);

// One Philox output block: the next four 32-bit draws of a stream.
using StreamBlock = std::array<uint32_t, 4>;

class Stream {
 public:
  using result_type = uint32_t;  // usable as a UniformRandomBitGenerator (Boost.Random)

  Stream(StreamKey key, Purpose purpose, uint32_t entity, uint32_t step)
      : key_{{key.k0, key.k1}}, ctr_{{uint32_t(purpose), entity, step, 0}} {}
  // The same stream, given its first block computed ahead (first_blocks in philox_batch.h).
  Stream(StreamKey key, Purpose purpose, uint32_t entity, uint32_t step, const StreamBlock& first)
      : key_{{key.k0, key.k1}},
        ctr_{{uint32_t(purpose), entity, step, 1}},
        block_(first),
        pos_(0) {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<uint32_t>::max(); }
  result_type operator()() {
    if (pos_ == 4) refill();
    return block_[pos_++];
  }

  // Uniform on the open interval (0, 1), 53-bit resolution.
  double uniform() {
    const uint64_t hi = (*this)() >> 5;  // 27 bits
    const uint64_t lo = (*this)() >> 6;  // 26 bits
    // The largest integer, 2^53 - 1, plus 0.5 rounds to 2^53: kept below 1 so that below(n)
    // stays below n (poisson_batch.cpp's uniform4 does the same).
    return std::min((double((hi << 26) | lo) + 0.5) * (1.0 / 9007199254740992.0), kBelowOne);
  }
  static constexpr double kBelowOne = 0x1.fffffffffffffp-1;  // the largest double below 1
  double normal();  // standard normal (Box-Muller, both variates used in turn)
  double exponential() { return -std::log(uniform()); }
  // Poisson with a mean up to kPoissonMaxMean (inversion below kPoissonInversionBelow, PTRS
  // rejection above); zero for a mean that is not positive (or NaN). Throws std::domain_error
  // for a larger or infinite mean, whose draw would not fit an int64.
  int64_t poisson(double mean);
  static constexpr double kPoissonMaxMean = 1e18;
  static constexpr double kPoissonInversionBelow = 12.0;
  // PTRS's constants for one mean, and one candidate (u = uniform() - 0.5, v = uniform()):
  // us = 0.5 - |u|, kf = floor((2a / us + b) u + mean + 0.43).
  struct PtrsShape {
    double a = 0, b = 0, vr = 0;
    explicit PtrsShape(double mean);
    PtrsShape() = default;
  };
  struct PtrsCandidate {
    double us = 0, V = 0, kf = 0;
  };
  // Poisson by PTRS (means >= kPoissonInversionBelow): what poisson(mean) draws. `first`, if
  // not null, is the stream's first candidate, drawn ahead, whose squeeze test failed; the
  // stream must then be positioned after its two uniforms.
  int64_t poisson_ptrs(double mean, const PtrsShape& shape, const PtrsCandidate* first);
  // Binomial(n, p), exact (inversion for small n*p, BTRD from Boost.Random otherwise).
  int64_t binomial(int64_t n, double p);
  // Index in [0, n).
  uint32_t below(uint32_t n) { return uint32_t(uniform() * n); }
  bool bernoulli(double p) { return uniform() < p; }

 private:
  void refill() {
    using Philox = r123::Philox4x32;
    const Philox::ctr_type out = Philox()(ctr_, key_);
    for (int i = 0; i < 4; ++i) block_[size_t(i)] = out[size_t(i)];
    ++ctr_[3];
    pos_ = 0;
  }

  r123::Philox4x32::key_type key_;
  r123::Philox4x32::ctr_type ctr_;
  StreamBlock block_{};
  int pos_ = 4;
  double spare_normal_ = 0.0;
  bool has_spare_ = false;
};

// log(k!) exactly from a table below 256, Stirling series above (error < 1e-12).
double log_factorial(int64_t k);

}  // namespace hubsim
