#pragma once
// The statistics of one replication, named after the published statistics they are compared
// with (see calibration/hub-statistics.toml). Every key has a written definition here; the
// documentation table (outputs/STATISTICS.md) is generated from the same list.
#include <string>
#include <vector>

#include "mechanisms/context.h"
#include "stats/series_table.h"
#include "stats/year_snapshot.h"
#include "world/world.h"

namespace hubsim {

// Unsuffixed keys (e.g. download_share_cn) refer to this year, the period of most published
// figures.
inline constexpr int kReferenceYear = 2025;

struct Statistic {
  std::string key;
  double value = 0;
};

struct StatisticDefinition {
  std::string pattern;  // key with placeholders <year>, <region>, <family>, <publisher>
  std::string unit;
  std::string definition;
  std::string source;  // the entry of hub-statistics.toml it corresponds to, if any
};

const std::vector<StatisticDefinition>& statistic_definitions();
// The definition whose pattern matches `key`, or nullptr.
const StatisticDefinition* find_statistic_definition(const std::string& key);
// Lower-case key fragment of a name ("Alibaba Qwen" -> "alibaba_qwen").
std::string stat_key_fragment(const std::string& name);

struct StatisticsInput {
  const World& world;
  const Scenario& scenario;
  const Calendar& calendar;
  double scale;
  const SeriesTable& series;
  const std::vector<YearSnapshot>& snapshots;
};

std::vector<Statistic> compute_statistics(const StatisticsInput& in);

}  // namespace hubsim
