#include "sweep/design_table.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/errors.h"
#include "scenario/did_you_mean.h"
#include "scenario/parameter_registry.h"

namespace hubsim::sweep {

namespace {

std::string trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
  return s.substr(a, b - a);
}

// Splits one CSV line; a field may be wrapped in double quotes (with "" for a quote inside).
std::vector<std::string> split_fields(const std::string& line, const std::string& file,
                                      int lineno) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && trim(field).empty()) {
      quoted = was_quoted = true;
      field.clear();
    } else if (c == ',') {
      out.push_back(was_quoted ? field : trim(field));
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  if (quoted) throw InputError(file, "", "", "a closing double quote on this line", lineno);
  out.push_back(was_quoted ? field : trim(field));
  return out;
}

}  // namespace

DesignTable read_design_table(const std::string& path, const std::string& referrer,
                              const std::string& key, int referrer_line) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(referrer, key, "\"" + path + "\"", "an existing CSV file", referrer_line);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "", "", "cannot be read (permission?)");
  DesignTable t;
  t.file = path;
  std::string line;
  int lineno = 0;
  std::vector<const ParameterEntry*> entries;
  while (std::getline(in, line)) {
    ++lineno;
    const std::string content = trim(line);
    if (content.empty() || content[0] == '#') continue;
    std::vector<std::string> fields = split_fields(line, path, lineno);
    if (t.columns.empty()) {
      std::set<std::string> seen;
      for (size_t c = 0; c < fields.size(); ++c) {
        const std::string& name = fields[c];
        const ParameterEntry* e = find_parameter(name);
        if (!e) {
          const std::string guess = closest_match(name, parameter_names());
          throw InputError(path, "header column " + std::to_string(c + 1), "\"" + name + "\"",
                           "a parameter name from scenarios/PARAMETERS.md" +
                               (guess.empty() ? std::string() : " (did you mean '" + guess + "'?)"),
                           lineno);
        }
        if (!seen.insert(name).second)
          throw InputError(path, "header column " + std::to_string(c + 1), "\"" + name + "\"",
                           "a parameter named in only one column", lineno);
        t.columns.push_back(name);
        entries.push_back(e);
      }
      continue;
    }
    if (fields.size() != t.columns.size())
      throw InputError(path, "row", std::to_string(fields.size()) + " fields",
                       std::to_string(t.columns.size()) + " fields, one per header column", lineno);
    for (size_t c = 0; c < fields.size(); ++c) {
      const std::string& text = fields[c];
      const FieldSpec& spec = entries[c]->spec;
      const bool is_switch = spec.kind == FieldKind::kBool;
      const std::string allowed =
          is_switch ? std::string("0 (off) or 1 (on)") : describe_allowed(spec);
      double v = 0;
      const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (text.empty() || err != std::errc() || end != text.data() + text.size() ||
          !std::isfinite(v))
        throw InputError(path, t.columns[c], "\"" + text + "\"", allowed, lineno);
      const bool ok = is_switch ? (v == 0.0 || v == 1.0) : (v >= spec.lo && v <= spec.hi);
      if (!ok) throw InputError(path, t.columns[c], text, allowed, lineno);
      t.values.push_back(v);
    }
    t.lines.push_back(lineno);
  }
  if (t.columns.empty())
    throw InputError(path, "", "", "a header line of parameter names, then one row per experiment");
  if (t.lines.empty())
    throw InputError(path, "", "", "at least one experiment row after the header");
  return t;
}

}  // namespace hubsim::sweep
