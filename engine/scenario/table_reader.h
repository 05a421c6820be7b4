#pragma once
// Reads one TOML table against its Schema: every value is type- and range-checked, missing
// keys take the schema default, and finish() rejects keys the schema does not know (with a
// "did you mean"). Every error is an InputError naming the file, line, key, value and what is
// allowed.
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/calendar.h"
#include "scenario/field_spec.h"

namespace hubsim {

class TableReader {
 public:
  TableReader(const toml::table& table, const Schema& schema, std::string file, std::string prefix);

  bool has(const std::string& name) const;
  double number(const std::string& name);
  int64_t integer(const std::string& name);
  bool boolean(const std::string& name);
  std::string string(const std::string& name);
  std::string choice(const std::string& name);
  std::optional<Date> date(const std::string& name);
  Date required_date(const std::string& name);
  std::vector<double> numbers(const std::string& name);
  std::vector<Date> dates(const std::string& name);
  std::vector<std::string> strings(const std::string& name);
  std::vector<std::pair<std::string, double>> numbers_by_name(const std::string& name);
  const toml::table* table(const std::string& name);
  const toml::array* table_array(const std::string& name);

  // Full dotted key for messages, e.g. "regions[2].home_bias".
  std::string key_path(const std::string& name) const;
  // File and line where `name` (or this table when absent) was written.
  std::string file_of(const std::string& name) const;
  int line_of(const std::string& name) const;
  [[noreturn]] void fail(const std::string& name, const std::string& value,
                         const std::string& allowed) const;
  // Rejects keys that the schema does not describe.
  void finish() const;

  const std::string& file() const { return file_; }
  const std::string& prefix() const { return prefix_; }
  const toml::table& raw() const { return table_; }

 private:
  const toml::node* node(const std::string& name) const;
  // The node of `name`, nullptr when absent and optional; fails when absent and required.
  const toml::node* present(const std::string& name) const;
  const FieldSpec& spec(const std::string& name) const;
  double checked_number(const std::string& key, const toml::node& n, const FieldSpec& f) const;

  const toml::table& table_;
  const Schema& schema_;
  std::string file_;
  std::string prefix_;
};

// Parses TOML text; a syntax error is an InputError naming `name` (the file) and the line.
toml::table parse_toml(const std::string& text, const std::string& name);

// Text of a TOML value as the user wrote it (for messages).
std::string value_text(const toml::node& n);
// The file a node came from (merged documents keep each node's origin), or `fallback`.
std::string node_file(const toml::node& n, const std::string& fallback);
int node_line(const toml::node& n);

}  // namespace hubsim
