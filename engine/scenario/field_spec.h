#pragma once
// The description of one key of a scenario file: its name, type, default, unit, bounds,
// meaning and source. Readers, validation and the documentation tables are all generated
// from these descriptions, so they cannot drift apart.
#include <limits>
#include <string>
#include <vector>

namespace hubsim {

enum class FieldKind {
  kNumber,   // floating point (integers accepted)
  kInteger,  // whole number
  kBool,
  kString,        // free text or a name
  kChoice,        // one of `choices`
  kDate,          // TOML local date, YYYY-MM-DD
  kDateList,      // array of TOML local dates
  kNumberList,    // array of numbers
  kStringList,    // array of strings
  kNumberByName,  // table of name = number (e.g. a share per region)
  kTable,         // a sub-table with its own schema (documented separately)
  kTableArray,    // an array of tables with its own schema (documented separately)
};

struct FieldSpec {
  std::string name;
  FieldKind kind = FieldKind::kNumber;
  bool required = false;
  std::string default_text;  // as written in docs; empty = no default
  double default_number = 0.0;
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  std::string unit;
  std::string description;
  std::string source;
  std::vector<std::string> choices;  // kChoice
};

const char* field_kind_name(FieldKind kind);
// "in [lo, hi]" / "one of a, b, c" / "a date YYYY-MM-DD" ... for error messages and docs.
std::string describe_allowed(const FieldSpec& spec);
// A number as messages show it: 6 significant digits, as `std::ostream <<` writes it.
std::string number_text(double v);

// A named list of fields: the schema of one table of a scenario file.
struct Schema {
  std::string title;        // e.g. "[[regions]]"
  std::string description;  // one paragraph for the docs
  std::vector<FieldSpec> fields;

  const FieldSpec& field(const std::string& name) const;  // throws std::logic_error if absent
  bool has(const std::string& name) const;
  std::vector<std::string> names() const;
};

// Builder helpers keep schema tables short and readable.
FieldSpec number_field(std::string name, double def, double lo, double hi, std::string unit,
                       std::string description, std::string source = "");
FieldSpec required_number(std::string name, double lo, double hi, std::string unit,
                          std::string description, std::string source = "");
FieldSpec integer_field(std::string name, double def, double lo, double hi, std::string unit,
                        std::string description);
FieldSpec bool_field(std::string name, bool def, std::string description);
FieldSpec string_field(std::string name, bool required, std::string description,
                       std::string def = "");
FieldSpec choice_field(std::string name, std::vector<std::string> choices, std::string def,
                       std::string description);
FieldSpec date_field(std::string name, bool required, std::string description);
FieldSpec date_list_field(std::string name, bool required, std::string description);
FieldSpec number_list_field(std::string name, bool required, double lo, double hi, std::string unit,
                            std::string description);
FieldSpec string_list_field(std::string name, bool required, std::string description);
FieldSpec number_by_name_field(std::string name, bool required, double lo, double hi,
                               std::string unit, std::string description);
FieldSpec table_field(std::string name, bool required, std::string description);
FieldSpec table_array_field(std::string name, bool required, std::string description);

}  // namespace hubsim
