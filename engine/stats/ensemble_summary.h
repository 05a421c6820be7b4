#pragma once
// Summaries of an ensemble over its members: the median with the 50% and 90% bands (quantiles
// 0.25/0.75 and 0.05/0.95) of every series value and every statistic, plus mean and sd.
#include <array>
#include <string>
#include <vector>

#include "stats/series_table.h"
#include "stats/statistics.h"

namespace hubsim {

inline constexpr std::array<double, 5> kSummaryQuantiles = {0.05, 0.25, 0.5, 0.75, 0.95};
inline constexpr size_t kMedianIndex = 2;

// The q-quantile of the finite values (linear interpolation between order statistics, as
// numpy.quantile's default); NaN when no value is finite.
double quantile(std::vector<double> values, double q);
// All of kSummaryQuantiles at once.
std::array<double, kSummaryQuantiles.size()> summary_quantiles(std::vector<double> values);

struct StatisticSummary {
  std::string key;
  int n_finite = 0;
  double mean = 0;  // NaN when n_finite == 0
  double sd = 0;    // sample sd; 0 for one value
  std::array<double, kSummaryQuantiles.size()> q{};
};

// Keys in first-seen order; a key a member lacks counts as not finite there.
std::vector<StatisticSummary> summarise_statistics(
    const std::vector<const std::vector<Statistic>*>& members);

// Quantiles over members of every value of one series: [quantile][step * width + category].
std::vector<std::vector<double>> series_quantiles(const std::vector<const Series*>& members);

// The value of `key` in each member (NaN where absent).
std::vector<double> statistic_values(const std::vector<const std::vector<Statistic>*>& members,
                                     const std::string& key);

}  // namespace hubsim
