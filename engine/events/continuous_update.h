#pragma once
// continuous_update: publishers switch to a continuous-update strategy: successive versions in
// one family that renew its models' attention (e.g. DeepSeek V3 -> R1 -> V3.2). Targets named
// publishers (listed, or all of them) and/or generated groups (types in regions), including
// later entrants of the groups. Permanent.
#include "events/event.h"

namespace hubsim {

class ContinuousUpdate : public Event {
 public:
  static Schema schema();
  static std::unique_ptr<Event> read(TableReader& r, std::string id, Date date, EventSource source);

  const char* type() const override { return "continuous_update"; }
  void check(const Scenario& scenario) const override;
  void apply(World& world, const Context& ctx) const override;

  std::vector<std::string> publishers;
  bool all_named = false;
  std::vector<std::string> group_regions;  // empty with group_types: every region
  std::vector<std::string> group_types;
  double releases_per_year = -1;  // < 0: named families keep their cadence
  using Event::Event;
};

}  // namespace hubsim
