#pragma once
// restriction: region R restricts the use of models developed in region S (e.g. a US
// restriction on CN models). Compliant users and pipelines of R avoid S-developed models, and
// compliant creators of R stop deriving from them. Evasion is part of the mechanism:
// re-uploads (fine-tunes, quantizations, ...) of S models made by creators outside S carry
// their creator's region, so R's users avoid them only as far as the lineage is detected, and
// creators outside R and S re-upload S models more while the restriction leaves demand unmet.
// Optionally lifted at `until`.
#include "events/event.h"

namespace hubsim {

class Restriction : public Event {
 public:
  static Schema schema();
  static std::unique_ptr<Event> read(TableReader& r, std::string id, Date date, EventSource source);

  const char* type() const override { return "restriction"; }
  void check(const Scenario& scenario) const override;
  void apply(World& world, const Context& ctx) const override;
  std::optional<Date> until() const override { return until_date; }
  void end(World& world, const Context& ctx) const override;

  std::string region;             // R, who restricts
  std::string restricted_region;  // S, whose models are restricted
  double compliance = 0;
  double lineage_detection = 0;
  double reupload_response = 1;
  std::optional<Date> until_date;
  using Event::Event;
};

// Recomputes PolicyState::parent_acceptance from the restrictions in force (see restriction.cpp).
void refresh_parent_acceptance(World& world);

}  // namespace hubsim
