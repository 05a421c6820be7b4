#pragma once
// The calibration report: every target with its range, the simulated mean +- sd at the
// point estimate and whether it is inside; the moment coverage ratio; the posterior
// predictive check of the statistics kept aside; the parameters and the screening. Printed,
// and written to HDF5 (schema: outputs/README.md, "Calibration reports").
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "calibrate.h"
#include "free_parameters.h"
#include "recovery.h"
#include "targets.h"

namespace hubsim::calibration {

struct TargetRow {
  std::string stat;
  bool fit = true;
  double lo = 0, hi = 0;
  std::optional<double> value;
  double start_mean = 0, start_sd = 0;  // pilot at the scenario's values (calibration scale)
  double mean = 0, sd = 0;              // at the point estimate (report scale)
  int n = 0;                            // replications with a finite value
  bool inside = false;                  // mean inside [lo, hi]
  double predictive_median = 0, predictive_q05 = 0, predictive_q95 = 0;
  double predictive_inside = 0;  // share of predictive draws inside [lo, hi]
};

struct CalibrationReport {
  std::vector<TargetRow> rows;
  // Share of the point estimate's replications with ALL fitted statistics inside.
  double coverage_ratio = 0;
  int fit_inside = 0, fit_total = 0;
  int check_inside = 0, check_total = 0;
};

CalibrationReport make_report(const CalibrationResult& result, const TargetSet& targets);

struct ParameterSummary {
  std::string name;
  bool calibrated = false;
  double start = 0, median = 0, q05 = 0, q95 = 0;
  double point = 0;  // at the point estimate (a posterior sample)
};
std::vector<ParameterSummary> parameter_summaries(const CalibrationResult& result,
                                                  const FreeParameterSet& free);

void print_report(std::FILE* out, const CalibrationResult& result, const CalibrationReport& report,
                  const FreeParameterSet& free, const std::vector<RecoveryRow>* recovery);

struct ReportMetadata {
  std::string command_line;
  std::string scenario_file, scenario_resolved_toml;
  std::string targets_file, targets_toml;  // the targets calibrated against (synthetic in recovery)
  std::string free_parameters_file, free_parameters_toml;
  std::string posterior_file;
  uint64_t seed = 0;
  double scale = 0;
  int threads = 0;
  std::string method;
};

// Writes atomically.
void write_report(const std::string& path, const CalibrationResult& result,
                  const CalibrationReport& report, const FreeParameterSet& free,
                  const ReportMetadata& meta, const std::vector<RecoveryRow>* recovery);

}  // namespace hubsim::calibration
