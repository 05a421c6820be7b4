#pragma once
// Statistics that need the per-model state at the end of a calendar year (before the year's
// download counters are reset): counts, concentration, size economics, derivative counts.
#include <vector>

#include "mechanisms/context.h"
#include "world/world.h"

namespace hubsim {

struct YearSnapshot {
  int year = 0;
  double models_total = 0;  // full-scale counts
  double users_total = 0;
  double datasets_total = 0;
  // Of the year's downloads per model.
  double top200_share = 0;
  double gini = 0;
  double hhi = 0;
  // Of the downloads in the year's last 30 days (the hub's own download counter).
  double zero_download_share = 0;
  double top1pct_share = 0;
  // Of lifetime downloads (since the window's start), at the end of the year.
  double under100_share = 0;
  // The year's downloads per model of 1-10B parameters and of 100B+ parameters.
  double small_per_model = 0;
  double huge_per_model = 0;
  std::vector<double> derivatives_direct;  // per reported family
  std::vector<double> derivatives_all;
  std::vector<double> datasets_by_category;  // cumulative, full scale
  std::vector<double> top100_by_region;      // models of each region among the year's top 100
};

// The named families whose derivatives are reported, in scenario order: (family id, name).
std::vector<std::pair<int32_t, std::string>> reported_families(const World& world,
                                                               const Scenario& scenario);

YearSnapshot take_year_snapshot(const World& world, const Context& ctx, int year);

}  // namespace hubsim
