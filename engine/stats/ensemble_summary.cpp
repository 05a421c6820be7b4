#include "stats/ensemble_summary.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace hubsim {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Quantile of sorted finite values.
double sorted_quantile(const std::vector<double>& v, double q) {
  if (v.empty()) return kNaN;
  const double pos = q * double(v.size() - 1);
  const auto lo = size_t(std::floor(pos));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - double(lo)) * (v[hi] - v[lo]);
}

std::vector<double> sorted_finite(std::vector<double> values) {
  std::erase_if(values, [](double x) { return !std::isfinite(x); });
  std::sort(values.begin(), values.end());
  return values;
}
}  // namespace

double quantile(std::vector<double> values, double q) {
  return sorted_quantile(sorted_finite(std::move(values)), q);
}

std::array<double, kSummaryQuantiles.size()> summary_quantiles(std::vector<double> values) {
  const std::vector<double> v = sorted_finite(std::move(values));
  std::array<double, kSummaryQuantiles.size()> out{};
  for (size_t i = 0; i < out.size(); ++i) out[i] = sorted_quantile(v, kSummaryQuantiles[i]);
  return out;
}

std::vector<double> statistic_values(const std::vector<const std::vector<Statistic>*>& members,
                                     const std::string& key) {
  std::vector<double> out;
  for (const auto* m : members) {
    double v = kNaN;
    for (const Statistic& s : *m)
      if (s.key == key) {
        v = s.value;
        break;
      }
    out.push_back(v);
  }
  return out;
}

std::vector<StatisticSummary> summarise_statistics(
    const std::vector<const std::vector<Statistic>*>& members) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<double>> values;
  for (size_t i = 0; i < members.size(); ++i)
    for (const Statistic& s : *members[i]) {
      auto [it, inserted] = values.try_emplace(s.key, members.size(), kNaN);
      if (inserted) order.push_back(s.key);
      it->second[i] = s.value;
    }
  std::vector<StatisticSummary> out;
  for (const auto& key : order) {
    const std::vector<double> v = sorted_finite(values[key]);
    StatisticSummary s;
    s.key = key;
    s.n_finite = int(v.size());
    s.mean = kNaN;
    if (!v.empty()) {
      double sum = 0;
      for (double x : v) sum += x;
      s.mean = sum / double(v.size());
      double ss = 0;
      for (double x : v) ss += (x - s.mean) * (x - s.mean);
      s.sd = v.size() > 1 ? std::sqrt(ss / double(v.size() - 1)) : 0.0;
    }
    for (size_t i = 0; i < s.q.size(); ++i) s.q[i] = sorted_quantile(v, kSummaryQuantiles[i]);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::vector<double>> series_quantiles(const std::vector<const Series*>& members) {
  std::vector<std::vector<double>> out(kSummaryQuantiles.size());
  if (members.empty()) return out;
  const size_t n = members.front()->values.size();
  for (auto& q : out) q.resize(n);
  std::vector<double> column(members.size());
  for (size_t j = 0; j < n; ++j) {
    for (size_t m = 0; m < members.size(); ++m) column[m] = members[m]->values[j];
    const auto q = summary_quantiles(column);
    for (size_t i = 0; i < q.size(); ++i) out[i][j] = q[i];
  }
  return out;
}

}  // namespace hubsim
