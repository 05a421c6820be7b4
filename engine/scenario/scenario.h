#pragma once
// A scenario: the immutable, validated description of one simulated world (window, scale,
// seeds, parameters, populations and dated events). Parsed once from a TOML file by
// load_scenario(); the simulation takes it by const reference and never opens a file.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "scenario/parameters.h"
#include "scenario/roles.h"
#include "world/enums.h"

namespace hubsim {

class Event;

struct RegionSpec {
  std::string name;
  double user_share = 0;          // share of new users
  double home_bias = 0;           // extra preference of this region's users for its models
  double creator_propensity = 1;  // relative chance of a user becoming a creator
};

struct HardwareTierSpec {
  std::string name;
  double memory_gb = 0;      // largest model footprint this tier runs
  double initial_share = 0;  // share of new users in this tier
};

struct TaskSpec {
  std::string name;
  double demand_share = 0;  // share of human demand at the start
  double demand_growth_per_year = 0;
  double release_share = 0;  // share of generated base releases at the start
  double release_growth_per_year = 0;
  std::optional<Date> surge_from;  // an extra growth phase of demand and releases from this date
  double surge_growth_per_year = 0;
};

struct DatasetCategorySpec {
  std::string name;
  double share = 0;  // share of new datasets at the start
  double growth_per_year = 0;
  std::optional<Date> surge_from;  // an extra growth phase from this date on
  double surge_growth_per_year = 0;
  bool ranked = true;  // takes part in category ranks (false for "no category")
};

// Generated publishers of one type (the named majors are NamedPublisherSpec).
struct PublisherTypeSpec {
  PublisherType type = PublisherType::kIndustry;
  double initial = 0;         // publishers at the start (full scale)
  double entry_per_year = 0;  // new publishers per year at the start (full scale)
  double entry_growth_per_year = 0;
  std::vector<double> region_share;   // by region index, sums to 1
  double base_releases_per_year = 0;  // mean per publisher
  double derivatives_per_year = 0;    // mean per publisher
  double rate_sd_log = 0;
  double quality_log_mean = 0;
  double size_log10_mean = 0;  // log10(parameters) at the start
  double size_log10_sd = 0;
  double openness = 1;          // share of planned releases published as open weights
  double continuous_share = 0;  // share of publishers on a continuous-update strategy
  double mean_lifetime_years = 0;
};

struct FamilySpec {
  std::string id;
  Date from;
  std::optional<Date> until;
  ReleaseStrategy strategy = ReleaseStrategy::kOneShot;
  double releases_per_year = 0;
  std::vector<double> sizes_b;   // parameter counts in billions
  std::vector<Date> sizes_from;  // empty, or per size: first date it may be released
  double sizes_per_release = 1;
  double quality_log = 0;
  double openness = 1;
  double license_factor = 1;  // derivability of the license (1 = permissive)
  int task = 0;
  int official_quantized = 0;  // own quantized variants uploaded per released size
  bool report_derivatives = false;
};

struct NamedPublisherSpec {
  std::string name;
  PublisherType type = PublisherType::kIndustry;
  int region = 0;
  bool publicly_funded = false;
  bool report_releases = false;  // report its yearly release counts as statistics
  std::vector<FamilySpec> families;
};

struct ScenarioInfo {
  std::string name;
  std::string description;
  Date start;
  Date end;
  int step_days = 7;
  double scale = 1.0;
  uint64_t seed = 0;
  int replications = 1;
  bool write_model_table = true;
};

struct Scenario {
  std::string file;           // path it was loaded from
  std::string file_text;      // the file as written
  std::string resolved_text;  // the full scenario after `extends` merging, as TOML
  ScenarioInfo info;
  Parameters params;
  std::vector<RegionSpec> regions;
  std::vector<HardwareTierSpec> tiers;
  std::vector<TaskSpec> tasks;
  std::vector<DatasetCategorySpec> dataset_categories;
  std::array<PublisherTypeSpec, kPublisherTypeCount> publisher_types;
  std::vector<NamedPublisherSpec> named_publishers;
  std::vector<std::shared_ptr<const Event>> events;  // the levers (policy choices) and events
  UncertaintySpec uncertainty;                       // what ensemble members draw
  std::vector<OutcomeSpec> outcomes;                 // what comparisons report

  Calendar calendar() const { return Calendar(info.start, info.end, info.step_days); }
  std::optional<int> region_index(const std::string& name) const;
  std::optional<int> task_index(const std::string& name) const;
  std::optional<int> named_publisher_index(const std::string& name) const;
  std::vector<std::string> region_names() const;
  std::vector<std::string> task_names() const;
  std::vector<std::string> tier_names() const;
  std::vector<std::string> category_names() const;
  std::vector<std::string> named_publisher_names() const;
};

}  // namespace hubsim
