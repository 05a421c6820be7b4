#pragma once
// Dated events and policy levers. Each event type lives in its own file (type name
// `some_event` <-> some_event.{h,cpp} <-> class SomeEvent) and is registered by one line in
// event_registry.cpp. An event is parsed and validated at load time and is immutable; it
// changes the world when the simulation reaches the step that contains its date.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "mechanisms/context.h"
#include "scenario/field_spec.h"
#include "world/world.h"

namespace hubsim {

class TableReader;

// Where an event was written, for messages about cross-references found after parsing.
struct EventSource {
  std::string file;
  int line = 0;
  std::string key;  // e.g. "events[3]"
};

class Event {
 public:
  Event(std::string id, Date date, EventSource source)
      : id_(std::move(id)), date_(date), source_(std::move(source)) {}
  virtual ~Event() = default;

  virtual const char* type() const = 0;
  const std::string& id() const { return id_; }
  const Date& date() const { return date_; }
  const EventSource& source() const { return source_; }

  // Cross-field checks against the whole scenario (e.g. a named publisher exists). Throws
  // InputError naming this event's file, line and key.
  virtual void check(const Scenario& scenario) const = 0;
  // Takes effect at ctx.step, the step that contains date().
  virtual void apply(World& world, const Context& ctx) const = 0;
  // Levers with an end date: the last day they are in force. end() undoes apply() at the step
  // containing the following day (at least one step after apply); ends run before starts.
  virtual std::optional<Date> until() const { return std::nullopt; }
  virtual void end(World& /*world*/, const Context& /*ctx*/) const {}

 protected:
  [[noreturn]] void fail(const std::string& field, const std::string& value,
                         const std::string& allowed) const;

 private:
  std::string id_;
  Date date_;
  EventSource source_;
};

struct EventType {
  std::string name;
  std::string description;
  Schema schema;  // including the common fields type, id, date
  std::unique_ptr<Event> (*read)(TableReader& reader, std::string id, Date date,
                                 EventSource source);
};

// Every event type, in documentation order.
const std::vector<EventType>& event_types();
const EventType* find_event_type(const std::string& name);
// The fields every event has.
std::vector<FieldSpec> common_event_fields();

}  // namespace hubsim
