#include "world/publisher_table.h"

namespace hubsim {

int32_t PublisherTable::add(const NewPublisher& p) {
  const auto id = int32_t(size());
  type.push_back(uint8_t(p.type));
  region.push_back(p.region);
  flags.push_back(p.flags);
  strategy.push_back(uint8_t(p.strategy));
  named_index.push_back(p.named_index);
  entry_step.push_back(p.entry_step);
  exit_step.push_back(p.exit_step);
  family.push_back(-1);
  base_rate.push_back(p.base_rate);
  derivative_rate.push_back(p.derivative_rate);
  rate_multiplier.push_back(1.0f);
  quality_log.push_back(p.quality_log);
  size_log10.push_back(p.size_log10);
  size_log10_sd.push_back(p.size_log10_sd);
  openness.push_back(p.openness);
  versions.push_back(0);
  base_tree.push_back(0.0);
  derivative_tree.push_back(0.0);
  refresh_rates(size_t(id), p.entry_step);
  return id;
}

void PublisherTable::refresh_rates(size_t i, int32_t step) {
  // Named publishers release on their families' schedules, not through the trees.
  const bool sampled = active(i, step) && !is_named(i);
  base_tree.set(i, sampled ? base_rate[i] * rate_multiplier[i] * openness[i] : 0.0);
  derivative_tree.set(i, sampled ? derivative_rate[i] * rate_multiplier[i] : 0.0);
}

int32_t FamilyTable::add(int32_t owner_publisher, uint8_t origin_region, ReleaseStrategy s,
                         int32_t named_spec_index, std::string family_name) {
  const auto id = int32_t(size());
  owner.push_back(owner_publisher);
  origin.push_back(origin_region);
  strategy.push_back(uint8_t(s));
  first_release_step.push_back(-1);
  last_release_step.push_back(-1);
  renew_step.push_back(-1);
  versions.push_back(0);
  named_spec.push_back(named_spec_index);
  name.push_back(std::move(family_name));
  early_one.push_back(0);
  early_many.push_back(0);
  late_one.push_back(0);
  late_many.push_back(0);
  return id;
}

}  // namespace hubsim
