#pragma once
// Comparing scenarios run on common random numbers (same seed, member indices and parameter
// draws): per outcome, each scenario's median and bands over members, its difference from the
// first scenario computed member by member (so shared randomness cancels) with its bands, and a
// robustness view that treats each scenario as a lever: mean, spread and regret against the
// best lever of the same member.
#include <array>
#include <string>
#include <vector>

#include "scenario/scenario.h"
#include "stats/ensemble_summary.h"

namespace hubsim {

using SummaryQuantiles = std::array<double, kSummaryQuantiles.size()>;

struct OutcomeComparison {
  OutcomeSpec outcome;
  std::string unit;                              // of the statistic's definition (e.g. "share")
  std::vector<std::vector<double>> values;       // [scenario][member]
  std::vector<SummaryQuantiles> quantiles;       // [scenario]
  std::vector<std::vector<double>> differences;  // [scenario][member]: value - first scenario's
  std::vector<SummaryQuantiles> difference_quantiles;
  // Robustness, per scenario (lever), over the members where every scenario has a value.
  int robust_members = 0;
  std::vector<double> mean, sd;     // of the values
  std::vector<double> mean_regret;  // mean over members of (best value - this value), >= 0
  std::vector<double> max_regret;
  std::vector<double> best_share;  // share of members where it is best (ties split)
};

// The outcomes of all scenarios in order, each statistic once (the first scenario naming it
// gives its label and direction). InputError for a different direction elsewhere and for an
// outcome of a year outside some scenario's window.
std::vector<OutcomeSpec> collect_outcomes(const std::vector<const Scenario*>& scenarios);

// member_stats[s][k]: the statistics of member k of scenario s; every scenario has the same
// members.
using MemberStatistics = std::vector<const std::vector<Statistic>*>;
std::vector<OutcomeComparison> compare_outcomes(const std::vector<OutcomeSpec>& outcomes,
                                                const std::vector<MemberStatistics>& member_stats);

}  // namespace hubsim
