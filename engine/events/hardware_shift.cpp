#include "events/hardware_shift.h"

#include "scenario/table_reader.h"

namespace hubsim {

Schema HardwareShift::schema() {
  Schema s;
  s.title = "[[events]] type = \"hardware_shift\"";
  s.description =
      "Users' hardware changes: the memory every hardware tier can use for a model is "
      "multiplied (which model sizes each tier runs), and/or the yearly chance that a user "
      "moves up one tier (users.tier_upgrade_per_year) is multiplied. Permanent; several "
      "shifts compound.";
  s.fields = common_event_fields();
  s.fields.push_back(number_field("tier_memory_multiplier", 1.0, 0.01, 100, "x",
                                  "Factor on the memory of every hardware tier."));
  s.fields.push_back(number_field("upgrade_rate_multiplier", 1.0, 0, 100, "x",
                                  "Factor on the yearly chance of moving up one tier."));
  return s;
}

std::unique_ptr<Event> HardwareShift::read(TableReader& r, std::string id, Date date,
                                           EventSource source) {
  auto e = std::make_unique<HardwareShift>(std::move(id), date, std::move(source));
  e->tier_memory_multiplier = r.number("tier_memory_multiplier");
  e->upgrade_rate_multiplier = r.number("upgrade_rate_multiplier");
  if (e->tier_memory_multiplier == 1.0 && e->upgrade_rate_multiplier == 1.0)
    r.fail("tier_memory_multiplier", "1",
           "a factor other than 1 here or in upgrade_rate_multiplier");
  return e;
}

void HardwareShift::check(const Scenario&) const {}

void HardwareShift::apply(World& world, const Context&) const {
  world.policy.tier_memory_multiplier *= tier_memory_multiplier;
  world.policy.tier_upgrade_multiplier *= upgrade_rate_multiplier;
}

}  // namespace hubsim
