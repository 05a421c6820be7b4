#pragma once
// public_compute: a region gives its academics and independents public compute (e.g. an EU or
// Swiss national compute programme): more users become creators, the targeted publishers
// release and upload more, and their models gain appeal. Optionally ends at `until`.
#include "events/event.h"

namespace hubsim {

class PublicCompute : public Event {
 public:
  static Schema schema();
  static std::unique_ptr<Event> read(TableReader& r, std::string id, Date date, EventSource source);

  const char* type() const override { return "public_compute"; }
  void check(const Scenario& scenario) const override;
  void apply(World& world, const Context& ctx) const override;
  std::optional<Date> until() const override { return until_date; }
  void end(World& world, const Context& ctx) const override;

  std::string region;
  std::vector<std::string> types;  // publisher types that receive the compute
  double creator_propensity_multiplier = 1;
  double rate_multiplier = 1;
  double quality_gain = 0;
  std::optional<Date> until_date;
  using Event::Event;

 private:
  // Applies the programme's effects with sign +1 (start) or -1 (end).
  void change(World& world, const Context& ctx, int sign) const;
};

}  // namespace hubsim
