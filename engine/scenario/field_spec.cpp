#include "scenario/field_spec.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace hubsim {

const char* field_kind_name(FieldKind kind) {
  switch (kind) {
    case FieldKind::kNumber: return "number";
    case FieldKind::kInteger: return "integer";
    case FieldKind::kBool: return "boolean";
    case FieldKind::kString: return "string";
    case FieldKind::kChoice: return "choice";
    case FieldKind::kDate: return "date";
    case FieldKind::kDateList: return "list of dates";
    case FieldKind::kNumberList: return "list of numbers";
    case FieldKind::kStringList: return "list of strings";
    case FieldKind::kNumberByName: return "table of name = number";
    case FieldKind::kTable: return "table";
    case FieldKind::kTableArray: return "array of tables";
  }
  return "?";
}

std::string number_text(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::ostringstream os;
  os << v;
  return os.str();
}

std::string describe_allowed(const FieldSpec& spec) {
  const bool bounded = std::isfinite(spec.lo) || std::isfinite(spec.hi);
  const std::string range =
      bounded ? "[" + number_text(spec.lo) + ", " + number_text(spec.hi) + "]" : "";
  const std::string unit = spec.unit.empty() ? "" : " (" + spec.unit + ")";
  switch (spec.kind) {
    case FieldKind::kNumber:
      return bounded ? "a finite number in " + range + unit : "a finite number" + unit;
    case FieldKind::kInteger:
      return bounded ? "a whole number in " + range + unit : "a whole number" + unit;
    case FieldKind::kBool: return "true or false";
    case FieldKind::kString: return "a non-empty string";
    case FieldKind::kChoice: {
      std::string s = "one of ";
      for (size_t i = 0; i < spec.choices.size(); ++i)
        s += (i ? ", " : "") + std::string("\"") + spec.choices[i] + "\"";
      return s;
    }
    case FieldKind::kDate: return "a date written YYYY-MM-DD (no quotes)";
    case FieldKind::kDateList: return "a list of dates written YYYY-MM-DD (no quotes)";
    case FieldKind::kNumberList:
      return bounded ? "a list of finite numbers, each in " + range + unit
                     : "a list of finite numbers" + unit;
    case FieldKind::kStringList: return "a list of strings";
    case FieldKind::kNumberByName:
      return bounded ? "a table of name = number, each in " + range + unit
                     : "a table of name = number" + unit;
    case FieldKind::kTable: return "a table";
    case FieldKind::kTableArray: return "an array of tables ([[...]])";
  }
  return "";
}

const FieldSpec& Schema::field(const std::string& name) const {
  for (const auto& f : fields)
    if (f.name == name) return f;
  throw std::logic_error("schema " + title + " has no field " + name);
}

bool Schema::has(const std::string& name) const {
  for (const auto& f : fields)
    if (f.name == name) return true;
  return false;
}

std::vector<std::string> Schema::names() const {
  std::vector<std::string> out;
  out.reserve(fields.size());
  for (const auto& f : fields) out.push_back(f.name);
  return out;
}

FieldSpec number_field(std::string name, double def, double lo, double hi, std::string unit,
                       std::string description, std::string source) {
  FieldSpec f;
  f.name = std::move(name);
  f.kind = FieldKind::kNumber;
  f.default_number = def;
  f.default_text = number_text(def);
  f.lo = lo;
  f.hi = hi;
  f.unit = std::move(unit);
  f.description = std::move(description);
  f.source = std::move(source);
  return f;
}

FieldSpec required_number(std::string name, double lo, double hi, std::string unit,
                          std::string description, std::string source) {
  FieldSpec f = number_field(std::move(name), 0.0, lo, hi, std::move(unit), std::move(description),
                             std::move(source));
  f.required = true;
  f.default_text.clear();
  return f;
}

FieldSpec integer_field(std::string name, double def, double lo, double hi, std::string unit,
                        std::string description) {
  FieldSpec f = number_field(std::move(name), def, lo, hi, std::move(unit), std::move(description));
  f.kind = FieldKind::kInteger;
  return f;
}

FieldSpec bool_field(std::string name, bool def, std::string description) {
  FieldSpec f;
  f.name = std::move(name);
  f.kind = FieldKind::kBool;
  f.default_number = def ? 1.0 : 0.0;
  f.default_text = def ? "true" : "false";
  f.description = std::move(description);
  return f;
}

FieldSpec string_field(std::string name, bool required, std::string description, std::string def) {
  FieldSpec f;
  f.name = std::move(name);
  f.kind = FieldKind::kString;
  f.required = required;
  f.default_text = std::move(def);
  f.description = std::move(description);
  return f;
}

FieldSpec choice_field(std::string name, std::vector<std::string> choices, std::string def,
                       std::string description) {
  FieldSpec f;
  f.name = std::move(name);
  f.kind = FieldKind::kChoice;
  f.required = def.empty();
  f.default_text = std::move(def);
  f.choices = std::move(choices);
  f.description = std::move(description);
  return f;
}

FieldSpec date_field(std::string name, bool required, std::string description) {
  FieldSpec f;
  f.name = std::move(name);
  f.kind = FieldKind::kDate;
  f.required = required;
  f.description = std::move(description);
  return f;
}

FieldSpec date_list_field(std::string name, bool required, std::string description) {
  FieldSpec f = date_field(std::move(name), required, std::move(description));
  f.kind = FieldKind::kDateList;
  return f;
}

FieldSpec number_list_field(std::string name, bool required, double lo, double hi, std::string unit,
                            std::string description) {
  FieldSpec f = number_field(std::move(name), 0.0, lo, hi, std::move(unit), std::move(description));
  f.kind = FieldKind::kNumberList;
  f.required = required;
  f.default_text.clear();
  return f;
}

FieldSpec string_list_field(std::string name, bool required, std::string description) {
  FieldSpec f;
  f.name = std::move(name);
  f.kind = FieldKind::kStringList;
  f.required = required;
  f.description = std::move(description);
  return f;
}

FieldSpec number_by_name_field(std::string name, bool required, double lo, double hi,
                               std::string unit, std::string description) {
  FieldSpec f =
      number_list_field(std::move(name), required, lo, hi, std::move(unit), std::move(description));
  f.kind = FieldKind::kNumberByName;
  return f;
}

FieldSpec table_field(std::string name, bool required, std::string description) {
  FieldSpec f;
  f.name = std::move(name);
  f.kind = FieldKind::kTable;
  f.required = required;
  f.description = std::move(description);
  return f;
}

FieldSpec table_array_field(std::string name, bool required, std::string description) {
  FieldSpec f = table_field(std::move(name), required, std::move(description));
  f.kind = FieldKind::kTableArray;
  return f;
}

}  // namespace hubsim
