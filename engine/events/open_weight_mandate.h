#pragma once
// open_weight_mandate: a region requires publicly funded models to be released as open weights
// (e.g. a UK mandate). Applies to the region's named publishers marked publicly_funded (plus
// any listed), and to its generated publishers of the publicly funded types, present and future.
#include "events/event.h"

namespace hubsim {

class OpenWeightMandate : public Event {
 public:
  static Schema schema();
  static std::unique_ptr<Event> read(TableReader& r, std::string id, Date date, EventSource source);

  const char* type() const override { return "open_weight_mandate"; }
  void check(const Scenario& scenario) const override;
  void apply(World& world, const Context& ctx) const override;

  std::string region;
  std::vector<std::string> publishers;  // named publishers covered besides the publicly funded
  std::vector<std::string> types;       // generated publisher types counted as publicly funded
  double openness = 1;
  using Event::Event;
};

}  // namespace hubsim
