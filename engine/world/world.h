#pragma once
// The complete state of one replication: models, publishers, families, users, datasets, the
// named families' release schedules and the policy levers currently in force.
#include <array>
#include <cstdint>
#include <vector>

#include "world/model_table.h"
#include "world/population.h"
#include "world/publisher_table.h"

namespace hubsim {

// A named family's release process (from the scenario), as changed by events.
struct NamedFamilyState {
  int named_publisher = 0;  // index into Scenario::named_publishers
  int family_spec = 0;      // index into that publisher's families
  int32_t publisher = -1;   // publisher id
  int32_t family = -1;      // family id
  ReleaseStrategy strategy = ReleaseStrategy::kOneShot;
  double releases_per_year = 0;
  double openness = 1;
  double quality_log = 0;
  int variants_per_size = 1;  // repositories per size in a release (a strategic pivot sets it)
  std::vector<int32_t> size_from_step;  // per size of the spec (empty: all from the start)
  int32_t from_step = 0;
  int32_t until_step = 0;  // exclusive
  int32_t next_release_step = 0;
  bool released = false;
};

// Policy levers in force. Events change them; mechanisms read them. An empty vector means
// that no lever has touched it (the neutral value everywhere).
struct PolicyState {
  std::vector<double> extra_home_bias;    // by user region
  std::vector<double> restriction;        // [user region * R + developer region], compliance
  std::vector<double> lineage_detection;  // [user region * R + developer region]: share of
                                          // re-uploads of restricted models also caught
  std::vector<double> reupload_response;  // [user region * R + developer region] (restriction)
  std::vector<double> parent_acceptance;  // [creator region * R + parent's developer region]:
                                          // chance a creator keeps a drawn parent (<= 1)
  std::vector<double> creator_propensity_multiplier;  // by region
  std::vector<double> group_rate_multiplier;   // [type * R + region] for generated publishers
  std::vector<double> group_openness;          // [type * R + region], < 0: unchanged
  std::vector<double> group_quality_log;       // [type * R + region], added to log appeal
  std::vector<double> group_continuous_share;  // [type * R + region], < 0: unchanged
  double tier_memory_multiplier = 1;           // hardware shift: memory of every tier scales
  double tier_upgrade_multiplier = 1;          // hardware shift: rate of tier upgrades scales
};

struct World {
  CellLayout layout;
  ModelTable models;
  PublisherTable publishers;
  FamilyTable families;
  UserPopulation users;
  DatasetTable datasets;
  std::vector<NamedFamilyState> named_families;
  std::vector<int32_t> named_publisher_ids;                  // scenario named index -> publisher id
  std::vector<std::vector<int64_t>> named_releases_by_year;  // [named][year - first year]
  std::vector<std::vector<int32_t>> exits_by_step;           // publishers leaving at a step
  std::array<int64_t, kPublisherTypeCount> active_publishers{};  // simulated, by type
  std::vector<double> new_user_tier_share;  // tier distribution of arriving users (drifts up)
  PolicyState policy;
  int first_year = 0;
};

}  // namespace hubsim
