#include "scenario/table_reader.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "core/errors.h"
#include "scenario/did_you_mean.h"

namespace hubsim {

toml::table parse_toml(const std::string& text, const std::string& name) {
  try {
    return toml::parse(text, std::string_view(name));
  } catch (const toml::parse_error& e) {
    throw InputError(name, "", "", "not valid TOML: " + std::string(e.description()),
                     int(e.source().begin.line));
  }
}

std::string value_text(const toml::node& n) {
  std::ostringstream os;
  if (auto s = n.as_string()) {
    os << '"' << s->get() << '"';
  } else if (n.is_table()) {
    os << "a table";
  } else if (n.is_array_of_tables()) {
    os << "an array of tables";
  } else {
    n.visit([&](const auto& v) { os << v; });
  }
  std::string text = os.str();
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return text;
}

std::string node_file(const toml::node& n, const std::string& fallback) {
  const auto& path = n.source().path;
  return path && !path->empty() ? *path : fallback;
}

int node_line(const toml::node& n) {
  return int(n.source().begin.line);
}

TableReader::TableReader(const toml::table& table, const Schema& schema, std::string file,
                         std::string prefix)
    : table_(table), schema_(schema), file_(std::move(file)), prefix_(std::move(prefix)) {}

bool TableReader::has(const std::string& name) const {
  return node(name) != nullptr;
}

const toml::node* TableReader::node(const std::string& name) const {
  return table_.get(name);
}

const FieldSpec& TableReader::spec(const std::string& name) const {
  return schema_.field(name);
}

const toml::node* TableReader::present(const std::string& name) const {
  const toml::node* n = node(name);
  if (!n && spec(name).required) {
    finish();  // a misspelt required key is reported as such, with a "did you mean"
    fail(name, "(missing)", "required: " + describe_allowed(spec(name)));
  }
  return n;
}

std::string TableReader::key_path(const std::string& name) const {
  return prefix_.empty() ? name : prefix_ + "." + name;
}

std::string TableReader::file_of(const std::string& name) const {
  if (const toml::node* n = node(name)) return node_file(*n, file_);
  return node_file(table_, file_);
}

int TableReader::line_of(const std::string& name) const {
  if (const toml::node* n = node(name)) return node_line(*n);
  return node_line(table_);
}

void TableReader::fail(const std::string& name, const std::string& value,
                       const std::string& allowed) const {
  throw InputError(file_of(name), key_path(name), value, allowed, line_of(name));
}

double TableReader::checked_number(const std::string& key, const toml::node& n,
                                   const FieldSpec& f) const {
  std::optional<double> v;
  if (auto i = n.as_integer()) v = double(i->get());
  if (auto d = n.as_floating_point()) v = d->get();
  if (!v || !std::isfinite(*v) || *v < f.lo || *v > f.hi)
    throw InputError(node_file(n, file_), key_path(key), value_text(n), describe_allowed(f),
                     node_line(n));
  return *v;
}

double TableReader::number(const std::string& name) {
  const FieldSpec& f = spec(name);
  const toml::node* n = present(name);
  if (!n) return f.default_number;
  return checked_number(name, *n, f);
}

int64_t TableReader::integer(const std::string& name) {
  const FieldSpec& f = spec(name);
  const toml::node* n = present(name);
  if (!n) return int64_t(f.default_number);
  auto i = n->as_integer();
  if (!i) fail(name, value_text(*n), describe_allowed(f));
  const int64_t v = i->get();
  if (double(v) < f.lo || double(v) > f.hi) fail(name, value_text(*n), describe_allowed(f));
  return v;
}

bool TableReader::boolean(const std::string& name) {
  const FieldSpec& f = spec(name);
  const toml::node* n = present(name);
  if (!n) return f.default_number != 0.0;
  auto b = n->as_boolean();
  if (!b) fail(name, value_text(*n), describe_allowed(f));
  return b->get();
}

std::string TableReader::string(const std::string& name) {
  const FieldSpec& f = spec(name);
  const toml::node* n = present(name);
  if (!n) return f.default_text;
  auto s = n->as_string();
  if (!s || s->get().empty()) fail(name, value_text(*n), describe_allowed(f));
  return s->get();
}

std::string TableReader::choice(const std::string& name) {
  const FieldSpec& f = spec(name);
  const toml::node* n = present(name);
  if (!n) return f.default_text;
  auto s = n->as_string();
  if (!s) fail(name, value_text(*n), describe_allowed(f));
  for (const auto& c : f.choices)
    if (c == s->get()) return c;
  const std::string guess = closest_match(s->get(), f.choices);
  fail(name, value_text(*n),
       describe_allowed(f) + (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)"));
}

namespace {

constexpr const char* kDateRange = "a date between 1900-01-01 and 2200-12-31";

bool date_in_range(const toml::date& v) {
  return v.year >= 1900 && v.year <= 2200;
}

}  // namespace

std::optional<Date> TableReader::date(const std::string& name) {
  const FieldSpec& f = spec(name);
  const toml::node* n = present(name);
  if (!n) return std::nullopt;
  auto d = n->as_date();
  if (!d) fail(name, value_text(*n), describe_allowed(f));
  const toml::date v = d->get();
  if (!date_in_range(v)) fail(name, value_text(*n), kDateRange);
  return Date{int(v.year), int(v.month), int(v.day)};
}

std::vector<Date> TableReader::dates(const std::string& name) {
  const FieldSpec& f = spec(name);
  const toml::node* n = present(name);
  if (!n) return {};
  auto arr = n->as_array();
  if (!arr) fail(name, value_text(*n), describe_allowed(f));
  std::vector<Date> out;
  out.reserve(arr->size());
  for (size_t i = 0; i < arr->size(); ++i) {
    const toml::node& e = *arr->get(i);
    auto d = e.as_date();
    if (!d || !date_in_range(d->get()))
      throw InputError(file_of(name), key_path(name + "[" + std::to_string(i) + "]"), value_text(e),
                       d ? kDateRange : "a date written YYYY-MM-DD (no quotes)", node_line(e));
    const toml::date v = d->get();
    out.push_back(Date{int(v.year), int(v.month), int(v.day)});
  }
  return out;
}

Date TableReader::required_date(const std::string& name) {
  auto d = date(name);
  if (!d) fail(name, "(missing)", "required: " + describe_allowed(spec(name)));
  return *d;
}

std::vector<double> TableReader::numbers(const std::string& name) {
  const FieldSpec& f = spec(name);
  const toml::node* n = present(name);
  if (!n) return {};
  auto arr = n->as_array();
  if (!arr) fail(name, value_text(*n), describe_allowed(f));
  std::vector<double> out;
  out.reserve(arr->size());
  for (size_t i = 0; i < arr->size(); ++i) {
    out.push_back(checked_number(name + "[" + std::to_string(i) + "]", *arr->get(i), f));
  }
  return out;
}

std::vector<std::string> TableReader::strings(const std::string& name) {
  const FieldSpec& f = spec(name);
  const toml::node* n = present(name);
  if (!n) return {};
  auto arr = n->as_array();
  if (!arr) fail(name, value_text(*n), describe_allowed(f));
  std::vector<std::string> out;
  for (size_t i = 0; i < arr->size(); ++i) {
    const toml::node& e = *arr->get(i);
    auto s = e.as_string();
    if (!s || s->get().empty())
      throw InputError(file_of(name), key_path(name + "[" + std::to_string(i) + "]"), value_text(e),
                       "a non-empty string", node_line(e));
    out.push_back(s->get());
  }
  return out;
}

std::vector<std::pair<std::string, double>> TableReader::numbers_by_name(const std::string& name) {
  const FieldSpec& f = spec(name);
  const toml::node* n = present(name);
  if (!n) return {};
  auto t = n->as_table();
  if (!t) fail(name, value_text(*n), describe_allowed(f));
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [k, v] : *t) {
    const double x = checked_number(name + "." + std::string(k.str()), v, f);
    out.emplace_back(std::string(k.str()), x);
  }
  return out;
}

const toml::table* TableReader::table(const std::string& name) {
  const FieldSpec& f = spec(name);
  const toml::node* n = present(name);
  if (!n) return nullptr;
  auto t = n->as_table();
  if (!t) fail(name, value_text(*n), describe_allowed(f));
  return t;
}

const toml::array* TableReader::table_array(const std::string& name) {
  const FieldSpec& f = spec(name);
  const toml::node* n = present(name);
  if (!n) return nullptr;
  auto a = n->as_array();
  if (!a || !(a->empty() || a->is_array_of_tables()))
    fail(name, value_text(*n), describe_allowed(f));
  return a;
}

void TableReader::finish() const {
  const std::vector<std::string> known = schema_.names();
  for (const auto& [k, v] : table_) {
    const std::string key(k.str());
    if (schema_.has(key)) continue;
    const std::string guess = closest_match(key, known);
    std::string allowed = "unknown key";
    if (!guess.empty())
      allowed += "; did you mean '" + guess + "'?";
    else
      allowed += " in " + (schema_.title.empty() ? std::string("this table") : schema_.title);
    throw InputError(node_file(v, file_), key_path(key), value_text(v), allowed, node_line(v));
  }
}

}  // namespace hubsim
