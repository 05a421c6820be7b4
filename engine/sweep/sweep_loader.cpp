#include "sweep/sweep_loader.h"

#include <toml++/toml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/errors.h"
#include "core/input_file.h"
#include "scenario/did_you_mean.h"
#include "scenario/parameter_registry.h"
#include "scenario/scenario_loader.h"
#include "scenario/table_reader.h"
#include "sweep/outcome_keys.h"
#include "sweep/sweep_schema.h"

namespace hubsim::sweep {

namespace fs = std::filesystem;

const char* sampler_name(SamplerKind kind) {
  switch (kind) {
    case SamplerKind::kGrid: return "grid";
    case SamplerKind::kLatinHypercube: return "lhs";
    case SamplerKind::kSobol: return "sobol";
    case SamplerKind::kSaltelli: return "saltelli";
    case SamplerKind::kTable: return "table";
  }
  return "?";
}

const char* random_numbers_name(RandomNumbers mode) {
  return mode == RandomNumbers::kCommon ? "common" : "independent";
}

namespace {

std::string resolve(const std::string& base_dir, const std::string& relative) {
  const fs::path p(relative);
  return p.is_absolute() ? p.string() : (fs::path(base_dir) / p).lexically_normal().string();
}

class SweepBuilder {
 public:
  SweepBuilder(const toml::table& doc, std::string file, std::string base_dir)
      : doc_(doc), file_(std::move(file)), base_dir_(std::move(base_dir)) {}

  SweepSpec build() {
    TableReader top(doc_, sweep_file_schema(), file_, "");
    top.finish();
    s_.file = file_;
    read_sweep(top);
    read_parameters(top);
    read_sensitivity(top);
    return std::move(s_);
  }

 private:
  void read_sweep(TableReader& top) {
    TableReader r(*top.table("sweep"), sweep_table_schema(), file_, "sweep");
    r.finish();
    s_.name = r.string("name");
    s_.description = r.string("description");
    const std::string scenario = r.string("scenario");
    s_.scenario_file = resolve(base_dir_, scenario);
    std::error_code ec;
    if (!fs::is_regular_file(s_.scenario_file, ec))
      r.fail("scenario", "\"" + scenario + "\"",
             "an existing scenario file (relative to the sweep file: " + s_.scenario_file + ")");
    s_.base = load_scenario(s_.scenario_file);

    const std::string sampler = r.choice("sampler");
    const std::vector<std::pair<std::string, SamplerKind>> kinds = {
        {"grid", SamplerKind::kGrid},
        {"lhs", SamplerKind::kLatinHypercube},
        {"sobol", SamplerKind::kSobol},
        {"saltelli", SamplerKind::kSaltelli},
        {"table", SamplerKind::kTable}};
    for (const auto& [n, k] : kinds)
      if (n == sampler) s_.sampler = k;
    const bool sampled = s_.sampler == SamplerKind::kLatinHypercube ||
                         s_.sampler == SamplerKind::kSobol || s_.sampler == SamplerKind::kSaltelli;
    if (sampled && !r.has("samples"))
      r.fail("samples", "(missing)",
             "required with sampler \"" + sampler +
                 "\": " + describe_allowed(sweep_table_schema().field("samples")));
    if (!sampled && r.has("samples"))
      r.fail("samples", value_text(*r.raw().get("samples")),
             "not used by sampler \"" + sampler + "\" (remove it)");
    if (sampled) s_.samples = r.integer("samples");

    s_.replications = int(r.integer("replications"));
    s_.seed = r.has("seed") ? uint64_t(r.integer("seed")) : s_.base.info.seed;
    s_.scale = r.has("scale") ? r.number("scale") : s_.base.info.scale;
    s_.random_numbers = r.choice("random_numbers") == "common" ? RandomNumbers::kCommon
                                                               : RandomNumbers::kIndependent;
    read_outcomes(r);

    const bool table = s_.sampler == SamplerKind::kTable;
    if (table && !r.has("design_table"))
      r.fail("design_table", "(missing)", "required with sampler \"table\": a CSV file");
    if (!table && r.has("design_table"))
      r.fail("design_table", value_text(*r.raw().get("design_table")),
             "only used with sampler = \"table\"");
    if (!table && r.has("table_layout"))
      r.fail("table_layout", value_text(*r.raw().get("table_layout")),
             "only used with sampler = \"table\"");
    if (table) {
      s_.table =
          read_design_table(resolve(base_dir_, r.string("design_table")), r.file_of("design_table"),
                            r.key_path("design_table"), r.line_of("design_table"));
      s_.table_layout =
          r.choice("table_layout") == "saltelli" ? DesignLayout::kSaltelli : DesignLayout::kPlain;
    }
  }

  void read_outcomes(TableReader& r) {
    s_.outcomes = r.strings("outcomes");
    if (s_.outcomes.empty()) r.fail("outcomes", "[]", "at least one statistic key");
    const std::set<std::string> known = possible_statistic_keys(s_.base);
    const std::vector<std::string> candidates(known.begin(), known.end());
    std::set<std::string> seen;
    const toml::array& arr = *r.raw().get("outcomes")->as_array();
    for (size_t i = 0; i < s_.outcomes.size(); ++i) {
      const std::string& key = s_.outcomes[i];
      const std::string where = "outcomes[" + std::to_string(i) + "]";
      const int line = node_line(*arr.get(i));
      if (!known.count(key)) {
        const std::string guess = closest_match(key, candidates);
        throw InputError(file_, r.key_path(where), "\"" + key + "\"",
                         "a statistic key the scenario '" + s_.base.info.name +
                             "' produces (outputs/STATISTICS.md)" +
                             (guess.empty() ? std::string() : "; did you mean '" + guess + "'?"),
                         line);
      }
      if (!seen.insert(key).second)
        throw InputError(file_, r.key_path(where), "\"" + key + "\"", "each outcome once", line);
    }
  }

  void read_parameters(TableReader& top) {
    const toml::array* arr = top.table_array("parameters");
    const bool table = s_.sampler == SamplerKind::kTable;
    if (table) {
      if (arr && !arr->empty())
        top.fail("parameters", "an array of tables",
                 "no [[parameters]] with sampler = \"table\" (the CSV header names them)");
      return;
    }
    if (!arr || arr->empty())
      top.fail("parameters", "(missing)", "at least one [[parameters]] table");
    std::set<std::string> seen;
    for (size_t i = 0; i < arr->size(); ++i) {
      TableReader r(*arr->get(i)->as_table(), sweep_parameter_schema(), file_,
                    "parameters[" + std::to_string(i) + "]");
      r.finish();
      SweepParameter p = read_parameter(r);
      if (!seen.insert(p.name).second)
        r.fail("name", "\"" + p.name + "\"", "a parameter swept only once");
      s_.parameters.push_back(std::move(p));
    }
  }

  SweepParameter read_parameter(TableReader& r) {
    SweepParameter p;
    p.name = r.string("name");
    const ParameterEntry* e = find_parameter(p.name);
    if (!e) {
      const std::string guess = closest_match(p.name, parameter_names());
      r.fail("name", "\"" + p.name + "\"",
             "a parameter name from scenarios/PARAMETERS.md" +
                 (guess.empty() ? std::string() : " (did you mean '" + guess + "'?)"));
    }
    const FieldSpec& spec = e->spec;
    p.is_switch = spec.kind == FieldKind::kBool;
    const bool grid = s_.sampler == SamplerKind::kGrid;
    const bool range = r.has("min") || r.has("max");
    if (r.has("levels")) {
      if (range || r.has("spacing") || r.has("points"))
        r.fail("levels", value_text(*r.raw().get("levels")),
               "either levels or a range (min, max, spacing, points), not both");
      p.levels = r.numbers("levels");
      if (p.levels.empty()) r.fail("levels", "[]", "at least one level");
      std::set<double> distinct;
      for (size_t i = 0; i < p.levels.size(); ++i) {
        const double v = p.levels[i];
        const bool ok = p.is_switch ? (v == 0.0 || v == 1.0) : (v >= spec.lo && v <= spec.hi);
        if (!ok)
          r.fail("levels", number_text(v),
                 p.is_switch ? std::string("0 (off) or 1 (on) for a mechanism switch")
                             : "levels of '" + p.name + "', each " + describe_allowed(spec));
        if (!distinct.insert(v).second) r.fail("levels", number_text(v), "distinct levels");
      }
      return p;
    }
    if (p.is_switch)
      r.fail("name", "\"" + p.name + "\"", "a mechanism switch takes levels = [0, 1]");
    if (!r.has("min")) r.fail("min", "(missing)", "required: a range (min, max) or levels");
    if (!r.has("max")) r.fail("max", "(missing)", "required: a range (min, max) or levels");
    p.min = r.number("min");
    p.max = r.number("max");
    if (p.min < spec.lo || p.min > spec.hi)
      r.fail("min", number_text(p.min), describe_allowed(spec));
    if (p.max < spec.lo || p.max > spec.hi)
      r.fail("max", number_text(p.max), describe_allowed(spec));
    if (!(p.max > p.min))
      r.fail("max", number_text(p.max), "above min (" + number_text(p.min) + ")");
    p.spacing = r.choice("spacing") == "log" ? Spacing::kLog : Spacing::kLinear;
    if (p.spacing == Spacing::kLog && !(p.min > 0))
      r.fail("min", number_text(p.min), "above 0 with spacing = \"log\"");
    if (grid && !r.has("points"))
      r.fail("points", "(missing)",
             "required with sampler \"grid\" and a range: at least 2 points");
    if (!grid && r.has("points"))
      r.fail("points", value_text(*r.raw().get("points")), "only used with sampler \"grid\"");
    if (grid) p.points = int(r.integer("points"));
    return p;
  }

  void read_sensitivity(TableReader& top) {
    const toml::table* t = top.table("sensitivity");
    if (!t) return;
    TableReader r(*t, sensitivity_schema(), file_, "sensitivity");
    r.finish();
    SensitivityOptions& o = s_.sensitivity;
    o.bootstrap = int(r.integer("bootstrap"));
    o.confidence = r.number("confidence");
    o.max_ci_width = r.number("max_ci_width");
    o.min_base_samples = int(r.integer("min_base_samples"));
  }

  const toml::table& doc_;
  std::string file_;
  std::string base_dir_;
  SweepSpec s_;
};

}  // namespace

SweepSpec load_sweep_text(const std::string& text, const std::string& name,
                          const std::string& base_dir) {
  const toml::table doc = parse_toml(text, name);
  SweepSpec spec = SweepBuilder(doc, name, base_dir).build();
  spec.file_text = text;
  return spec;
}

SweepSpec load_sweep(const std::string& path) {
  const std::string dir = fs::path(path).parent_path().string();
  return load_sweep_text(read_input_file(path, "sweep file"), path, dir.empty() ? "." : dir);
}

}  // namespace hubsim::sweep
