#pragma once
// The sweep output file: ONE HDF5 file with experiments as a dimension (design inputs, outcome
// statistics per replication, status and wall time per experiment, and, for a complete Saltelli
// design, the sensitivity indices). Shard files (--shard i/n) have the same schema with only
// their experiments; `hubsim merge` reads them back and writes the whole. The schema is
// documented in outputs/README.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sweep/experiment.h"
#include "sweep/sensitivity.h"
#include "sweep/sweep_plan.h"

namespace hubsim::sweep {

struct SweepFileMeta {
  // What was swept (identical for every shard of one sweep).
  std::string name, description, sweep_file, sweep_toml;
  std::string scenario_name, scenario_file, scenario_resolved_toml;
  std::string sampler, random_numbers, fingerprint;
  int64_t samples = 0;
  int64_t replications = 1;
  uint64_t seed = 0;
  double scale = 1;
  int64_t experiments_total = 0;
  SensitivityOptions sensitivity;
  // Which part this file holds.
  int64_t shard_index = 0, shard_count = 1;
  // How it was made (never affects a result).
  std::string command_line;
  std::vector<std::string> overrides;  // "key=value"
  int64_t threads = 0, ranks = 1;
  double wall_seconds = 0;
};

struct SweepData {
  SweepFileMeta meta;
  std::vector<std::string> parameters, outcomes;
  DesignLayout layout = DesignLayout::kPlain;
  std::vector<int64_t> experiments;       // global indices of this file's rows, ascending
  std::vector<double> values, unit;       // [row * k + j]
  std::vector<ExperimentResult> results;  // one per row, same order
  bool complete() const { return int64_t(experiments.size()) == meta.experiments_total; }
};

SweepFileMeta sweep_meta(const SweepPlan& plan);
// The rows of `experiments` (ascending) of the plan with their results (same order).
SweepData sweep_data(const SweepPlan& plan, SweepFileMeta meta, std::vector<int64_t> experiments,
                     std::vector<ExperimentResult> results);

// Per outcome: the mean over replications of each row (NaN if any replication is NaN).
std::vector<double> outcome_means(const SweepData& data, size_t outcome);
// Sensitivity of every outcome; empty unless the file is complete with a Saltelli layout.
std::vector<OutcomeSensitivity> analyse(const SweepData& data);

// Writes through io::AtomicOutput (temporary file, then rename).
void write_sweep_file(const std::string& path, const SweepData& data,
                      const std::vector<OutcomeSensitivity>& sensitivity);
// Throws InputError when the file is not a hubsim sweep file.
SweepData read_sweep_file(const std::string& path);
// "<fingerprint> <shard>" of a sweep file (what it holds), or "" if the file is absent or is not
// a readable sweep file.
std::string sweep_file_identity(const std::string& path);

}  // namespace hubsim::sweep
