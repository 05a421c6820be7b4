#pragma once
// Scenarios for tests: the shipped baseline shrunk to a small scale and a short window, with
// parameters changed by name. Tests modify the Scenario struct directly.
#include <string>
#include <utility>
#include <vector>

#include "scenario/scenario.h"
#include "sim/run_result.h"
#include "stats/series_table.h"

namespace hubsim::test {

std::string source_path(const std::string& relative);  // path inside the repository
const Scenario& baseline();                            // loaded once
// The baseline with its calibrated parameters pinned at a fixed point
// (tests/support/mechanism-baseline.toml), for directional tests of mechanisms and levers.
const Scenario& mechanism_baseline();
// The baseline at `scale` ending at `end`, with parameter overrides by registry name.
Scenario small_baseline(double scale, Date end,
                        const std::vector<std::pair<std::string, double>>& params = {});
// The same for the mechanism baseline.
Scenario small_mechanism_baseline(double scale, Date end,
                                  const std::vector<std::pair<std::string, double>>& params = {});
// Sum of one series row over its categories.
double row_sum(const Series& s, int step);
// Downloads of one family's models in the last year of the window (represented population).
double family_downloads_last_year(const ModelTableSnapshot& models, const std::string& family);

}  // namespace hubsim::test
