#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

#include "core/counter_rng.h"
#include "stats/concentration.h"

using namespace hubsim;

namespace {
// Brute force on an expanded population: each "many" value repeated `copies` times.
struct Expanded {
  std::vector<double> v;
  double top_share(size_t n) const {
    std::vector<double> s = v;
    std::sort(s.rbegin(), s.rend());
    const double total = std::accumulate(s.begin(), s.end(), 0.0);
    return std::accumulate(s.begin(), s.begin() + std::ptrdiff_t(std::min(n, s.size())), 0.0) /
           total;
  }
  double gini() const {
    std::vector<double> s = v;
    std::sort(s.begin(), s.end());
    const double n = double(s.size()), total = std::accumulate(s.begin(), s.end(), 0.0);
    double weighted = 0;
    for (size_t i = 0; i < s.size(); ++i) weighted += (2.0 * double(i + 1) - n - 1.0) * s[i];
    return weighted / (n * total);
  }
};
}  // namespace

TEST_CASE("weighted concentration equals the brute force on the represented population",
          "[concentration]") {
  Stream rng(StreamKey::derive(11, 0), Purpose::kDownloads, 0, 0);
  std::vector<uint64_t> many, one;
  Expanded e;
  const int copies = 4;
  for (int i = 0; i < 500; ++i) {
    const auto x = uint64_t(std::exp(3 * rng.normal()) * 10);
    many.push_back(x);
    for (int c = 0; c < copies; ++c) e.v.push_back(double(x));
  }
  for (int i = 0; i < 20; ++i) {
    const auto x = uint64_t(std::exp(3 * rng.normal() + 4) * 10);
    one.push_back(x);
    e.v.push_back(double(x));
  }
  const WeightedValues w(many, copies, one);
  CHECK(w.models() == Approx(2020));
  for (size_t n : {1, 10, 200, 1000, 5000})
    CHECK(w.top_share(double(n)) == Approx(e.top_share(n)).epsilon(1e-9));
  // The discrete Gini of the expanded population (trapezoid form equals the exact one).
  CHECK(w.gini() == Approx(e.gini()).epsilon(1e-9));
  CHECK(w.share_below(1) ==
        Approx(double(std::count(e.v.begin(), e.v.end(), 0.0)) / double(e.v.size())));
  double hhi = 0, total = std::accumulate(e.v.begin(), e.v.end(), 0.0);
  for (double x : e.v) hhi += (x / total) * (x / total);
  CHECK(w.hhi() == Approx(hhi).epsilon(1e-9));
}

TEST_CASE("concentration of degenerate populations", "[concentration]") {
  const WeightedValues equal(std::vector<uint64_t>(100, 7), 1.0, {});
  CHECK(equal.gini() == Approx(0.0).margin(1e-12));
  CHECK(equal.top_share(10) == Approx(0.1));
  CHECK(equal.hhi() == Approx(0.01));
  const WeightedValues empty({}, 1.0, {});
  CHECK(empty.top_share(200) == 0.0);
  CHECK(empty.gini() == 0.0);
  const WeightedValues zeros(std::vector<uint64_t>(10, 0), 2.0, {0});
  CHECK(zeros.share_below(1) == 1.0);
  CHECK(zeros.top_share(5) == 0.0);
}
