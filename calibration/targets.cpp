#include "targets.h"

#include <toml++/toml.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "core/errors.h"
#include "core/input_file.h"
#include "scenario/table_reader.h"
#include "stats/statistics.h"

namespace hubsim::calibration {

namespace {

const Schema& target_schema() {
  static const Schema s{
      "[[target]]",
      "One published statistic as a target range of a hubsim statistic.",
      {string_field("stat", true, "Key of the statistic in /stats (see outputs/STATISTICS.md)."),
       number_field("value", 0, -1e300, 1e300, "", "Central published figure, if one is given."),
       number_list_field("range", true, -1e300, 1e300, "", "[lo, hi]: the credible range."),
       number_field("weight", 1, 0, 1e6, "-", "Weight in the calibration distance."),
       choice_field("role", {"fit", "check"}, "fit",
                    "fit: used to fit parameters; check: kept aside to validate the fit."),
       choice_field("transform", {"linear", "log"}, "linear",
                    "log: the calibration distance compares log(value) (needs lo > 0)."),
       string_field("source", false, "Where the figure comes from."),
       string_field("note", false, "Why the range or role is what it is.")}};
  return s;
}

const Schema& top_schema() {
  static const Schema s{"top level", "", {table_array_field("target", true, "The targets.")}};
  return s;
}

}  // namespace

const Target* TargetSet::find(const std::string& stat) const {
  for (const auto& t : targets)
    if (t.stat == stat) return &t;
  return nullptr;
}

TargetSet load_targets_text(const std::string& text, const std::string& name) {
  const toml::table doc = parse_toml(text, name);
  TargetSet set;
  set.file = name;
  set.text = text;
  TableReader top(doc, top_schema(), name, "");
  top.finish();
  const toml::array* arr = top.table_array("target");
  std::set<std::string> seen;
  for (size_t i = 0; i < arr->size(); ++i) {
    TableReader r(*arr->get(i)->as_table(), target_schema(), name,
                  "target[" + std::to_string(i) + "]");
    Target t;
    t.stat = r.string("stat");
    if (!find_statistic_definition(t.stat))
      r.fail("stat", "\"" + t.stat + "\"", "a statistic key of outputs/STATISTICS.md");
    if (!seen.insert(t.stat).second)
      r.fail("stat", "\"" + t.stat + "\"", "a statistic not targeted twice");
    if (r.has("value")) t.value = r.number("value");
    const std::vector<double> range = r.numbers("range");
    if (range.size() != 2 || !(range[0] <= range[1])) {
      std::ostringstream os;
      os << "[";
      for (size_t k = 0; k < range.size(); ++k) os << (k ? ", " : "") << range[k];
      os << "]";
      r.fail("range", os.str(), "two numbers [lo, hi] with lo <= hi");
    }
    t.lo = range[0];
    t.hi = range[1];
    if (t.value && !t.contains(*t.value)) {
      std::ostringstream os;
      os << *t.value;
      r.fail("value", os.str(), "a value inside range");
    }
    t.weight = r.number("weight");
    t.role = r.choice("role") == "fit" ? TargetRole::kFit : TargetRole::kCheck;
    t.log_transform = r.choice("transform") == "log";
    if (t.log_transform && !(t.lo > 0)) {
      std::ostringstream os;
      os << "[" << t.lo << ", " << t.hi << "]";
      r.fail("range", os.str(), "lo > 0 with transform = \"log\"");
    }
    t.source = r.string("source");
    t.note = r.string("note");
    t.line = r.line_of("stat");
    r.finish();
    set.targets.push_back(std::move(t));
  }
  if (set.targets.empty()) top.fail("target", "[]", "at least one [[target]]");
  return set;
}

TargetSet load_targets(const std::string& path) {
  return load_targets_text(read_input_file(path, "targets file"), path);
}

}  // namespace hubsim::calibration
