#pragma once
// Defines the time series of a run and records one row per step.
#include "mechanisms/context.h"
#include "mechanisms/demand.h"
#include "mechanisms/downloads.h"
#include "stats/series_table.h"
#include "world/world.h"

namespace hubsim {

// The series every run produces, with units, descriptions and categorical dimensions.
SeriesTable make_run_series(const Scenario& scenario, int n_steps);

class SeriesRecorder {
 public:
  explicit SeriesRecorder(SeriesTable& table) : table_(table) {}
  // Called after the step's download pass. `models_before` = models at the step's start.
  void record(const World& world, const Context& ctx, size_t models_before, size_t datasets_before,
              const DemandAllocation& allocation, const DownloadTotals& totals);

 private:
  SeriesTable& table_;
};

}  // namespace hubsim
