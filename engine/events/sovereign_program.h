#pragma once
// sovereign_program: a region funds national champions (e.g. Korea's five sovereign-model
// teams). The funding buys the champions a higher release rate and higher quality; the program
// also raises the domestic preference of the region's users. Optionally ends at `until`.
#include "events/event.h"

namespace hubsim {

class SovereignProgram : public Event {
 public:
  static Schema schema();
  static std::unique_ptr<Event> read(TableReader& r, std::string id, Date date, EventSource source);

  const char* type() const override { return "sovereign_program"; }
  void check(const Scenario& scenario) const override;
  void apply(World& world, const Context& ctx) const override;
  std::optional<Date> until() const override { return until_date; }
  void end(World& world, const Context& ctx) const override;

  std::string region;
  std::vector<std::string> champions;
  double release_rate_multiplier = 1;
  double quality_gain = 0;
  double domestic_preference = 0;
  std::optional<Date> until_date;
  using Event::Event;

 private:
  // Applies the program's effects with sign +1 (start) or -1 (end).
  void change(World& world, const Context& ctx, int sign) const;
};

}  // namespace hubsim
