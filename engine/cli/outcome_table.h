#pragma once
// Plain-language tables of outcomes on the terminal: shares as percentages and differences in
// percentage points, e.g. "KR-developed share of KR downloads in 2028: 9.1% -> 17% (+7.9 pts,
// 90% band +5.2..+11)".
#include <cstdio>
#include <string>
#include <vector>

#include "scenario/roles.h"
#include "stats/comparison.h"

namespace hubsim::cli {

// A value / a difference in the statistic's unit ("share" -> percent / points).
std::string format_outcome(double v, const std::string& unit);
std::string format_difference(double d, const std::string& unit, bool with_unit = true);

// Per outcome: every scenario's median and 90% band, and for each scenario after the first the
// plain-language line with its difference from the first.
void print_comparison(std::FILE* out, const std::vector<std::string>& scenario_names,
                      const std::vector<OutcomeComparison>& outcomes, int members);
// The robustness view: per outcome and scenario (lever), mean, spread and regret.
void print_robustness(std::FILE* out, const std::vector<std::string>& scenario_names,
                      const std::vector<OutcomeComparison>& outcomes);
// A forecast's outcomes: median with the 50% and 90% bands over members.
void print_forecast_outcomes(std::FILE* out, const std::vector<OutcomeSpec>& outcomes,
                             const std::vector<const std::vector<Statistic>*>& members);

}  // namespace hubsim::cli
