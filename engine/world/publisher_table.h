#pragma once
// Publishers (named majors, generated organisations and independent creators) as
// structure-of-arrays, with Fenwick trees over their current release rates so that the next
// releasing publisher is drawn in O(log n).
#include <cstdint>
#include <string>
#include <vector>

#include "core/fenwick_tree.h"
#include "world/enums.h"

namespace hubsim {

enum PublisherFlags : uint8_t {
  kNamed = 1,
  kPubliclyFunded = 2,
  kQuantizer = 4,  // an independent who specialises in quantizations
};

struct NewPublisher {
  PublisherType type = PublisherType::kIndependent;
  uint8_t region = 0;
  uint8_t flags = 0;
  ReleaseStrategy strategy = ReleaseStrategy::kOneShot;
  int32_t named_index = -1;
  int32_t entry_step = 0;
  int32_t exit_step = 0;       // first step in which it no longer releases
  double base_rate = 0;        // base releases per step
  double derivative_rate = 0;  // derivative uploads per step
  float quality_log = 0;
  float size_log10 = 9;
  float size_log10_sd = 0.5;
  float openness = 1;
};

struct PublisherTable {
  std::vector<uint8_t> type, region, flags, strategy;
  std::vector<int32_t> named_index, entry_step, exit_step, family;
  std::vector<double> base_rate, derivative_rate;  // intrinsic rates (before multipliers)
  std::vector<float> rate_multiplier;
  std::vector<float> quality_log, size_log10, size_log10_sd, openness;
  std::vector<int32_t> versions;  // base releases so far
  // Sampling trees over the effective rates of active generated publishers.
  FenwickTree base_tree;
  FenwickTree derivative_tree;

  size_t size() const { return type.size(); }
  int32_t add(const NewPublisher& p);
  bool is_named(size_t i) const { return flags[i] & kNamed; }
  bool active(size_t i, int32_t step) const { return step < exit_step[i]; }
  // Re-enters both effective rates of publisher i into the trees (after a change of rate,
  // multiplier or openness, or at its exit).
  void refresh_rates(size_t i, int32_t step);
};

struct FamilyTable {
  std::vector<int32_t> owner;  // publisher
  std::vector<uint8_t> origin, strategy;
  std::vector<int32_t> first_release_step, last_release_step, renew_step, versions;
  std::vector<int32_t> named_spec;  // index into the scenario's named families, -1 if generated
  std::vector<std::string> name;    // named families only ("" for generated)
  // Downloads in the 26 weeks after the family's first release and in the 26 after that
  // (models standing for themselves / for 1/scale models), for the retention statistic.
  std::vector<uint64_t> early_one, early_many, late_one, late_many;

  size_t size() const { return owner.size(); }
  int32_t add(int32_t owner_publisher, uint8_t origin_region, ReleaseStrategy s,
              int32_t named_spec_index, std::string family_name);
};

}  // namespace hubsim
