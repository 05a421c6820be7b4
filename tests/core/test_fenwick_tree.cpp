#include <catch2/catch.hpp>

#include <vector>

#include "core/counter_rng.h"
#include "core/fenwick_tree.h"

using namespace hubsim;

TEST_CASE("the Fenwick tree samples indices in proportion to their weights", "[fenwick]") {
  FenwickTree t;
  const std::vector<double> w = {1, 0, 3, 0.5, 0, 5.5};
  for (double x : w) t.push_back(x);
  CHECK(t.total() == Approx(10.0));
  std::vector<int> hits(w.size(), 0);
  Stream s(StreamKey::derive(5, 0), Purpose::kBaseReleases, 0, 0);
  const int n = 200000;
  for (int i = 0; i < n; ++i) ++hits[t.find(s.uniform())];
  for (size_t i = 0; i < w.size(); ++i) {
    const double p = w[i] / 10.0;
    INFO("index " << i);
    if (p == 0)
      CHECK(hits[i] == 0);
    else
      CHECK(std::fabs(hits[i] - n * p) < 5 * std::sqrt(n * p * (1 - p)));
  }
}

TEST_CASE("weights can change and zero weights are never drawn", "[fenwick]") {
  FenwickTree t;
  for (int i = 0; i < 1000; ++i) t.push_back(1.0);
  for (int i = 0; i < 1000; i += 2) t.set(size_t(i), 0.0);
  CHECK(t.total() == Approx(500.0));
  Stream s(StreamKey::derive(6, 0), Purpose::kBaseReleases, 0, 0);
  for (int i = 0; i < 10000; ++i) CHECK(t.find(s.uniform()) % 2 == 1);
  CHECK(t.find(0.0) == 1);
  CHECK(t.find(0.999999999) == 999);
  for (int i = 1; i < 1000; i += 2) t.set(size_t(i), 0.0);
  CHECK(t.find(0.5) == t.size());  // empty: nothing to draw
  t.set(7, 2.0);
  t.rebuild();
  CHECK(t.total() == 2.0);
  CHECK(t.find(0.3) == 7);
}
