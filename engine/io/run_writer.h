#pragma once
// Writes a run (all replications of one scenario) as one HDF5 file; the schema is documented in
// outputs/README.md. The file is written to a temporary name and renamed into place.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "scenario/scenario.h"
#include "sim/run_result.h"

namespace hubsim::io {

struct RunMetadata {
  std::string command_line;
  // CLI overrides of the scenario (key, value), recorded so the file says how it was made.
  std::vector<std::pair<std::string, std::string>> overrides;
  int threads = 0;
  double wall_seconds = 0;
};

class Group;

// `extra` (optional) writes further groups into the root before the file is committed (e.g.
// an ensemble's /summary).
void write_run_file(const std::string& path, const Scenario& scenario,
                    const std::vector<ReplicationResult>& replications, const RunMetadata& meta,
                    const std::function<void(Group& root)>& extra = nullptr);

// Pieces reused by other writers (sweeps, comparisons).
void write_root_metadata(Group& root, const Scenario& scenario, const RunMetadata& meta);
void write_series_group(Group& series, const Scenario& scenario,
                        const std::vector<const SeriesTable*>& replications);
void write_stats_group(Group& stats,
                       const std::vector<const std::vector<Statistic>*>& replications);
void write_model_table(Group& root, const Scenario& scenario, const ModelTableSnapshot& models);
// A dimension scale of labels named `name` (nothing when `g` already holds it).
void write_string_scale(Group& g, const std::string& name, const std::vector<std::string>& labels);
// The `replication` dimension scale: 0, 1, ..., n - 1.
void write_replication_scale(Group& g, size_t n);
// The `week` dimension scale: the first day of each time step, in days since 1970-01-01.
void write_week_scale(Group& g, const Calendar& calendar);
std::string utc_timestamp();

}  // namespace hubsim::io
