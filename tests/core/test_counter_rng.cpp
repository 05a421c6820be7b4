#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "core/counter_rng.h"
#include "core/poisson_batch.h"

using namespace hubsim;

namespace {
struct Moments {
  double mean = 0, var = 0;
};
template <class Draw>
Moments moments(int n, Draw&& draw) {
  double s = 0, ss = 0;
  for (int i = 0; i < n; ++i) {
    const double x = draw(i);
    s += x;
    ss += x * x;
  }
  Moments m;
  m.mean = s / n;
  m.var = ss / n - m.mean * m.mean;
  return m;
}
}  // namespace

TEST_CASE("streams are pure functions of their counters", "[rng]") {
  const StreamKey key = StreamKey::derive(42, 3);
  Stream a(key, Purpose::kDownloads, 17, 5), b(key, Purpose::kDownloads, 17, 5);
  for (int i = 0; i < 100; ++i) CHECK(a() == b());
  Stream c(key, Purpose::kDownloads, 18, 5), d(key, Purpose::kDerivations, 17, 5);
  Stream e(StreamKey::derive(42, 4), Purpose::kDownloads, 17, 5);
  Stream a2(key, Purpose::kDownloads, 17, 5);
  const uint32_t first = a2();
  CHECK(c() != first);
  CHECK(d() != first);
  CHECK(e() != first);
}

TEST_CASE("uniforms lie in (0,1) with the right moments", "[rng]") {
  Stream s(StreamKey::derive(1, 0), Purpose::kDownloads, 0, 0);
  const int n = 200000;
  const Moments m = moments(n, [&](int) {
    const double u = s.uniform();
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    return u;
  });
  CHECK(std::fabs(m.mean - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
  CHECK(m.var == Approx(1.0 / 12).epsilon(0.02));
}

TEST_CASE("normal variates have mean 0 and variance 1", "[rng]") {
  Stream s(StreamKey::derive(2, 0), Purpose::kDownloads, 0, 0);
  const int n = 200000;
  const Moments m = moments(n, [&](int) { return s.normal(); });
  CHECK(std::fabs(m.mean) < 5 / std::sqrt(double(n)));
  CHECK(m.var == Approx(1.0).epsilon(0.02));
}

TEST_CASE("Poisson draws match their mean and variance within 5 standard errors", "[rng]") {
  for (double mean : {1e-4, 0.3, 2.5, 11.9, 12.1, 40.0, 1e3, 2.5e6}) {
    Stream s(StreamKey::derive(3, 0), Purpose::kDownloads, uint32_t(mean * 10), 0);
    const int n = 100000;
    const Moments m = moments(n, [&](int) { return double(s.poisson(mean)); });
    INFO("mean " << mean);
    CHECK(std::fabs(m.mean - mean) < 5 * std::sqrt(mean / n) + 1e-12);
    if (mean >= 0.3) CHECK(m.var == Approx(mean).epsilon(0.05));
  }
  Stream s(StreamKey::derive(3, 1), Purpose::kDownloads, 0, 0);
  CHECK(s.poisson(0.0) == 0);
  CHECK(s.poisson(-1.0) == 0);
}

TEST_CASE("binomial draws match n p and n p (1-p) within 5 standard errors", "[rng]") {
  const std::vector<std::pair<int64_t, double>> cases = {
      {10, 0.3}, {100, 0.02}, {1000, 0.5}, {5000000, 1e-4}, {200, 0.97}};
  // Not a structured binding: clang 14 (the sanitizer build) cannot capture one in a lambda.
  for (const auto& c : cases) {
    const int64_t n_trials = c.first;
    const double p = c.second;
    Stream s(StreamKey::derive(4, 0), Purpose::kUserGrowth, uint32_t(n_trials), 0);
    const int n = 50000;
    const double mean = double(n_trials) * p, var = mean * (1 - p);
    const Moments m = moments(n, [&](int) {
      const int64_t k = s.binomial(n_trials, p);
      REQUIRE(k >= 0);
      REQUIRE(k <= n_trials);
      return double(k);
    });
    INFO("n " << n_trials << " p " << p);
    CHECK(std::fabs(m.mean - mean) < 5 * std::sqrt(var / n));
    CHECK(m.var == Approx(var).epsilon(0.06));
  }
  Stream s(StreamKey::derive(4, 1), Purpose::kUserGrowth, 0, 0);
  CHECK(s.binomial(0, 0.5) == 0);
  CHECK(s.binomial(10, 0.0) == 0);
  CHECK(s.binomial(10, 1.0) == 10);
}

TEST_CASE("log-factorial is exact below 256 and accurate above", "[rng]") {
  CHECK(log_factorial(0) == 0.0);
  CHECK(log_factorial(5) == Approx(std::log(120.0)));
  for (int64_t k : {255, 256, 1000, 123456})
    CHECK(log_factorial(k) == Approx(std::lgamma(double(k) + 1)).epsilon(1e-12));
}

TEST_CASE("a Poisson mean too large for an int64 draw is an error, not undefined behaviour",
          "[rng]") {
  Stream s(StreamKey::derive(5, 0), Purpose::kDownloads, 0, 0);
  CHECK_THROWS_AS(s.poisson(std::numeric_limits<double>::infinity()), std::domain_error);
  CHECK_THROWS_AS(s.poisson(2e18), std::domain_error);
  const int64_t k = s.poisson(Stream::kPoissonMaxMean);
  CHECK(double(k) == Approx(Stream::kPoissonMaxMean).epsilon(1e-6));
  const double means[] = {1.0, std::numeric_limits<double>::infinity(), 3.0, 4.0, 5.0};
  int64_t out[5];
  CHECK_THROWS_AS(poisson_draws(StreamKey::derive(5, 0), Purpose::kDownloads, 0, 0, means, out),
                  std::domain_error);
}

TEST_CASE("uniform stays below 1 for the largest 53-bit value", "[rng]") {
  // Words whose 27 + 26 kept bits are all ones: (2^53 - 1 + 0.5) / 2^53 rounds to 1.
  const StreamBlock ones = {0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu};
  Stream s(StreamKey::derive(5, 0), Purpose::kDownloads, 0, 0, ones);
  const double u = s.uniform();
  CHECK(u < 1.0);
  CHECK(u == Stream::kBelowOne);
  CHECK(s.below(7) == 6);  // not 7
}
