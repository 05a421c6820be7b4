// The one place where event types are registered: adding a lever is one file plus one line.
#include "events/continuous_update.h"
#include "events/event.h"
#include "events/hardware_shift.h"
#include "events/landmark_release.h"
#include "events/open_weight_mandate.h"
#include "events/public_compute.h"
#include "events/restriction.h"
#include "events/sovereign_program.h"
#include "events/strategic_pivot.h"

namespace hubsim {

const std::vector<EventType>& event_types() {
  static const std::vector<EventType> types = {
      {"landmark_release", "A release with a quality jump.", LandmarkRelease::schema(),
       &LandmarkRelease::read},
      {"strategic_pivot", "Publishers change release rate, openness or strategy.",
       StrategicPivot::schema(), &StrategicPivot::read},
      {"sovereign_program", "A region funds named champions and favours domestic models.",
       SovereignProgram::schema(), &SovereignProgram::read},
      {"public_compute", "Public compute for a region's academics and independents.",
       PublicCompute::schema(), &PublicCompute::read},
      {"restriction", "Region R restricts models developed in region S.", Restriction::schema(),
       &Restriction::read},
      {"open_weight_mandate", "Publicly funded models must be released openly.",
       OpenWeightMandate::schema(), &OpenWeightMandate::read},
      {"hardware_shift", "Users' hardware memory or upgrade rate changes.", HardwareShift::schema(),
       &HardwareShift::read},
      {"continuous_update", "Publishers switch to continuous updates.", ContinuousUpdate::schema(),
       &ContinuousUpdate::read},
  };
  return types;
}

const EventType* find_event_type(const std::string& name) {
  for (const auto& t : event_types())
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace hubsim
