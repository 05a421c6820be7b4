#pragma once
// hardware_shift: users' hardware changes (e.g. consumer GPUs with more memory, better
// quantization, or slower upgrades under export controls): every tier's usable memory and/or
// the rate at which users move up a tier is multiplied. Permanent; shifts compound.
#include "events/event.h"

namespace hubsim {

class HardwareShift : public Event {
 public:
  static Schema schema();
  static std::unique_ptr<Event> read(TableReader& r, std::string id, Date date, EventSource source);

  const char* type() const override { return "hardware_shift"; }
  void check(const Scenario& scenario) const override;
  void apply(World& world, const Context& ctx) const override;

  double tier_memory_multiplier = 1;
  double upgrade_rate_multiplier = 1;
  using Event::Event;
};

}  // namespace hubsim
