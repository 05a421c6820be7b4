#include "events/event.h"

#include "core/errors.h"

namespace hubsim {

void Event::fail(const std::string& field, const std::string& value,
                 const std::string& allowed) const {
  throw InputError(source_.file, source_.key + "." + field, value, allowed, source_.line);
}

std::vector<FieldSpec> common_event_fields() {
  return {
      string_field("type", true, "Event type (see the list of event types)."),
      string_field("id", false,
                   "Name of the event, unique in the scenario; scenarios that extend this one "
                   "can disable it by this name. Default: type and date."),
      date_field("date", true, "Date on which the event takes effect (the step containing it)."),
      string_field("note", false, "Free text: what the event stands for."),
  };
}

}  // namespace hubsim
