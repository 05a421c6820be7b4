#pragma once
// Printing statistics (mean and spread over replications) beside published values.
#include <cstdio>
#include <string>
#include <vector>

#include "calibration/targets.h"
#include "stats/statistics.h"

namespace hubsim::cli {

struct StatSummary {
  std::string key;
  double mean = 0;
  double sd = 0;
  int n = 0;  // replications with a finite value
};

std::vector<StatSummary> summarise(const std::vector<const std::vector<Statistic>*>& replications);
// The headline statistics printed after a run when no targets file is given.
const std::vector<std::string>& headline_statistics();
void print_stats_table(std::FILE* out, const std::vector<StatSummary>& stats,
                       const calibration::TargetSet* targets);
std::string format_value(double v);

}  // namespace hubsim::cli
