#pragma once
// What one replication hands back: its time series, its statistics and, when asked for, the
// final per-model table.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stats/series_table.h"
#include "stats/statistics.h"

namespace hubsim {

struct ModelTableSnapshot {
  std::vector<int32_t> parent, family, publisher, release_day;
  std::vector<uint8_t> publisher_type, region, kind, task;
  std::vector<float> params;
  std::vector<float> represents;  // real models this simulated model stands for (1 or 1/scale)
  std::vector<uint64_t> downloads_total;
  std::vector<int> years;
  std::vector<uint64_t> downloads_by_year;   // [model * years + year index]
  std::vector<std::string> family_names;     // by family id
  std::vector<std::string> publisher_names;  // by publisher id
  std::vector<uint8_t> publisher_table_type, publisher_table_region;
  size_t size() const { return parent.size(); }
};

struct ReplicationResult {
  int replication = 0;
  SeriesTable series;
  std::vector<Statistic> stats;
  std::optional<ModelTableSnapshot> models;
  double wall_seconds = 0;
  size_t peak_models = 0;
  uint64_t model_steps = 0;  // sum over steps of the models on the hub: the work done
};

}  // namespace hubsim
