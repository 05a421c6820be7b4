// The one place where event types are registered: adding a lever is one file plus one line.
#include "events/event.h"
#include "events/landmark_release.h"
#include "events/strategic_pivot.h"

namespace hubsim {

const std::vector<EventType>& event_types() {
  static const std::vector<EventType> types = {
      {"landmark_release", "A release with a quality jump.", LandmarkRelease::schema(), &LandmarkRelease::read},
      {"strategic_pivot", "Publishers change release rate, openness or strategy.", StrategicPivot::schema(), &StrategicPivot::read},
  };
  return types;
}

const EventType* find_event_type(const std::string& name) {
  for (const auto& t : event_types())
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace hubsim
