#include "core/counter_rng.h"

#include <boost/random/binomial_distribution.hpp>

#include <array>
#include <numbers>
#include <stdexcept>
#include <string>

namespace hubsim {

uint64_t splitmix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

StreamKey StreamKey::derive(uint64_t seed, uint64_t replication) {
  const uint64_t mixed =
      splitmix64(splitmix64(seed) ^ splitmix64(replication + 0x5851F42D4C957F2DULL));
  return StreamKey{uint32_t(mixed), uint32_t(mixed >> 32)};
}

double Stream::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_normal_;
  }
  const double r = std::sqrt(-2.0 * std::log(uniform()));
  const double theta = 2.0 * std::numbers::pi * uniform();
  spare_normal_ = r * std::sin(theta);
  has_spare_ = true;
  return r * std::cos(theta);
}

namespace {

std::array<double, 256> make_log_factorial_table() {
  std::array<double, 256> t{};
  t[0] = 0.0;
  for (size_t k = 1; k < t.size(); ++k) t[k] = t[k - 1] + std::log(double(k));
  return t;
}

}  // namespace

double log_factorial(int64_t k) {
  static const std::array<double, 256> table = make_log_factorial_table();
  if (k < 256) return table[size_t(k)];
  const double n = double(k) + 1.0;  // log Gamma(n) by Stirling's series
  const double inv = 1.0 / n;
  const double inv2 = inv * inv;
  return (n - 0.5) * std::log(n) - n + 0.5 * std::log(2.0 * std::numbers::pi) +
         inv * (1.0 / 12.0 - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 / 1680.0)));
}

int64_t Stream::poisson(double mean) {
  if (!(mean > 0.0)) return 0;
  if (!(mean <= kPoissonMaxMean))
    throw std::domain_error("a Poisson draw (stream purpose " + std::to_string(ctr_[0]) +
                            ") was given the mean " + std::to_string(mean) +
                            "; means must be finite and at most 1e18 (a parameter makes an "
                            "expected count overflow)");
  if (mean < kPoissonInversionBelow) {
    // Inversion by sequential search: expected mean+1 iterations. Since exp(-mean) > 1 - mean,
    // u <= 1 - mean means k = 0 without computing the exponential (most models, most weeks).
    const double u = uniform();
    if (u <= 1.0 - mean) return 0;
    double p = std::exp(-mean);
    double cdf = p;
    int64_t k = 0;
    while (u > cdf && k < 1000) {
      ++k;
      p *= mean / double(k);
      cdf += p;
    }
    return k;
  }
  return poisson_ptrs(mean, PtrsShape(mean), nullptr);
}

Stream::PtrsShape::PtrsShape(double mean) {
  const double slam = std::sqrt(mean);
  b = 0.931 + 2.53 * slam;
  a = -0.059 + 0.02483 * b;
  vr = 0.9277 - 3.6224 / (b - 2.0);
}

// PTRS: transformed rejection with squeeze (Hoermann 1993), as in NumPy. `first`, when given, is
// the first candidate, already drawn from this stream, whose squeeze failed.
int64_t Stream::poisson_ptrs(double mean, const PtrsShape& shape, const PtrsCandidate* first) {
  const double a = shape.a, b = shape.b, vr = shape.vr;
  // Needed only when the squeeze fails (a fifth to three fifths of the candidates, fewer as the
  // mean grows): computed then, once.
  double loglam = 0.0, log_invalpha = 0.0;
  bool have_logs = false;
  for (;;) {
    PtrsCandidate c;
    if (first) {
      c = *first;
      first = nullptr;
    } else {
      const double U = uniform() - 0.5;
      c.V = uniform();
      c.us = 0.5 - std::fabs(U);
      c.kf = std::floor((2.0 * a / c.us + b) * U + mean + 0.43);
      if (c.us >= 0.07 && c.V <= vr) return int64_t(c.kf);
    }
    // A candidate beyond the int64 range (us near 0 at a huge mean, about 2^-100 of them) is
    // rejected: its Poisson probability is far below the smallest double, so the test below
    // would reject it too if it could be computed.
    if (c.kf < 0.0 || c.kf >= 0x1p62 || (c.us < 0.013 && c.V > c.us)) continue;
    if (!have_logs) {
      loglam = std::log(mean);
      log_invalpha = std::log(1.1239 + 1.1328 / (b - 3.4));
      have_logs = true;
    }
    const int64_t k = int64_t(c.kf);
    if (std::log(c.V) + log_invalpha - std::log(a / (c.us * c.us) + b) <=
        -mean + c.kf * loglam - log_factorial(k))
      return k;
  }
}

int64_t Stream::binomial(int64_t n, double p) {
  if (n <= 0 || !(p > 0.0)) return 0;
  if (p >= 1.0) return n;
  if (double(n) * std::min(p, 1.0 - p) < 20.0) {
    // Inversion on the smaller tail.
    const bool flip = p > 0.5;
    const double q = flip ? 1.0 - p : p;
    const double s = q / (1.0 - q);
    double prob = std::pow(1.0 - q, double(n));
    double cdf = prob;
    const double u = uniform();
    int64_t k = 0;
    while (u > cdf && k < n) {
      prob *= s * double(n - k) / double(k + 1);
      cdf += prob;
      ++k;
    }
    return flip ? n - k : k;
  }
  boost::random::binomial_distribution<int64_t, double> dist(n, p);
  return dist(*this);
}

}  // namespace hubsim
