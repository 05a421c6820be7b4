#pragma once
// strategic_pivot: a group of publishers changes strategy (e.g. the CN groups of 2025: x8-9
// repositories as twice the releases with four repositories per size, closed -> open). Targets
// named publishers by name and/or every generated publisher of the given types in a region
// (including those that enter later).
#include "events/event.h"

namespace hubsim {

class StrategicPivot : public Event {
 public:
  static Schema schema();
  static std::unique_ptr<Event> read(TableReader& r, std::string id, Date date, EventSource source);

  const char* type() const override { return "strategic_pivot"; }
  void check(const Scenario& scenario) const override;
  void apply(World& world, const Context& ctx) const override;

  std::vector<std::string> publishers;
  std::string group_region;              // "" = no generated group
  std::vector<std::string> group_types;  // publisher types of the generated group
  double release_rate_multiplier = 1;
  int variants_per_size = 0;  // 0 = unchanged
  double openness = -1;       // < 0: unchanged
  std::string strategy;       // "" = unchanged
  using Event::Event;
};

}  // namespace hubsim
