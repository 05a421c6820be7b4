#pragma once
// Printing statistics (mean and spread over replications) beside published values.
#include <cstdio>
#include <string>
#include <vector>

#include "calibration/targets.h"
#include "stats/ensemble_summary.h"

namespace hubsim::cli {

// The headline statistics printed after a run when no targets file is given.
const std::vector<std::string>& headline_statistics();
// `stats` as summarise_statistics makes them over the replications.
void print_stats_table(std::FILE* out, const std::vector<StatisticSummary>& stats,
                       const calibration::TargetSet* targets);
std::string format_value(double v);

}  // namespace hubsim::cli
