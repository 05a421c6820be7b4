#pragma once
// landmark_release: a named publisher releases a family version with a quality jump (e.g.
// DeepSeek-R1 in 2025-01). Part of the jump can persist in the family's later releases.
#include "events/event.h"

namespace hubsim {

class LandmarkRelease : public Event {
 public:
  static Schema schema();
  static std::unique_ptr<Event> read(TableReader& r, std::string id, Date date, EventSource source);

  const char* type() const override { return "landmark_release"; }
  void check(const Scenario& scenario) const override;
  void apply(World& world, const Context& ctx) const override;

  std::string publisher;
  std::string family;  // "" = the publisher's first family
  std::vector<double> sizes_b;
  double quality_jump = 0;
  double persistent_share = 0;
  double regional_spillover = 0;
  int official_quantized = -1;  // -1 = as the family does
  using Event::Event;
};

}  // namespace hubsim
