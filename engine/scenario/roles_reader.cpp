#include "scenario/roles_reader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "core/errors.h"
#include "scenario/did_you_mean.h"
#include "scenario/parameter_registry.h"
#include "scenario/role_schemas.h"
#include "scenario/table_reader.h"
#include "stats/statistics.h"

namespace hubsim {

namespace {

namespace fs = std::filesystem;

struct Located {
  const toml::node* node = nullptr;
  int depth = 0;  // 0 = the scenario's own file, 1 = the file it extends, ...
};

int depth_of(const toml::node& n, const std::vector<std::string>& files) {
  const std::string file = node_file(n, files.front());
  const auto it = std::find(files.begin(), files.end(), file);
  return it == files.end() ? 0 : int(it - files.begin());
}

void flatten(const toml::table& t, const std::string& prefix, const std::vector<std::string>& files,
             std::map<std::string, Located>& out) {
  for (const auto& [k, v] : t) {
    const std::string key =
        prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = v.as_table()) {
      flatten(*sub, key, files, out);
    } else {
      out[key] = {&v, depth_of(v, files)};
    }
  }
}

// The loader's cross-field check of the derivation shares, for drawn parameter sets.
void check_shares(const Parameters& p, const std::string& file, const std::string& key,
                  const std::string& what, int line) {
  const double shares =
      p.derivation_finetune_share + p.derivation_adapter_share + p.derivation_merge_share;
  if (shares > 1.0 + 1e-9)
    throw InputError(
        file, key,
        what + ": derivation.finetune_share + adapter_share + merge_share = " + number_text(shares),
        "at most 1 (the rest are quantizations)", line);
}

class RolesReader {
 public:
  RolesReader(const toml::table& doc, const std::vector<std::string>& files, Scenario& s)
      : doc_(doc), files_(files), s_(s) {}

  void read() {
    if (const auto* params = doc_.get_as<toml::table>("parameters"))
      flatten(*params, "", files_, fixed_);
    if (const auto* u = doc_.get("uncertainty")) {
      if (!u->is_table())
        throw InputError(node_file(*u, s_.file), "uncertainty", value_text(*u), "a table",
                         node_line(*u));
      read_uncertainty(*u->as_table());
    }
    read_outcomes();
  }

 private:
  void read_uncertainty(const toml::table& t) {
    TableReader r(t, uncertainty_schema(), s_.file, "uncertainty");
    UncertaintySpec& u = s_.uncertainty;
    u.replications_per_draw = int(r.integer("replications_per_draw"));
    const toml::table* ranges = r.table("ranges");
    const std::string posterior = r.string("posterior");
    r.finish();
    if (ranges) read_ranges(*ranges);
    if (!posterior.empty()) read_posterior(*t.get("posterior"), posterior);
    check_point_estimate();
  }

  void read_ranges(const toml::table& t) {
    std::map<std::string, Located> entries;
    flatten(t, "", files_, entries);
    for (const auto& [name, at] : entries) {
      const toml::node& n = *at.node;
      const std::string file = node_file(n, s_.file);
      const std::string key = "uncertainty.ranges." + name;
      const ParameterEntry* e = find_parameter(name);
      if (!e || !std::holds_alternative<double Parameters::*>(e->member)) {
        const std::string guess = closest_match(name, numeric_parameter_names());
        throw InputError(file, key, value_text(n),
                         "unknown numeric parameter" +
                             (guess.empty() ? std::string(" (see scenarios/PARAMETERS.md)")
                                            : "; did you mean '" + guess + "'?"),
                         node_line(n));
      }
      const auto* pair = n.as_array();
      const auto number = [](const toml::node* x) -> std::optional<double> {
        if (!x) return std::nullopt;
        if (auto i = x->as_integer()) return double(i->get());
        if (auto d = x->as_floating_point()) return d->get();
        return std::nullopt;
      };
      const auto lo = pair && pair->size() == 2 ? number(pair->get(0)) : std::nullopt;
      const auto hi = pair && pair->size() == 2 ? number(pair->get(1)) : std::nullopt;
      if (!lo || !hi || !(*lo <= *hi) || *lo < e->spec.lo || *hi > e->spec.hi ||
          !std::isfinite(*lo) || !std::isfinite(*hi))
        throw InputError(file, key, value_text(n),
                         "[low, high] with low <= high, both " + describe_allowed(e->spec),
                         node_line(n));
      if (auto f = fixed_.find(name); f != fixed_.end()) {
        if (f->second.depth == at.depth)
          throw InputError(file, key, value_text(n),
                           "a parameter either set in [parameters] or given a range in one file, "
                           "not both (parameters." +
                               name + " is set too)",
                           node_line(n));
        if (f->second.depth < at.depth) continue;  // a nearer file fixes it
      }
      s_.uncertainty.ranges.push_back({name, *lo, *hi});
      range_depth_[name] = at.depth;
      set_parameter(s_.params, name, 0.5 * (*lo + *hi), file);
    }
  }

  void read_posterior(const toml::node& node, const std::string& relative) {
    const std::string file = node_file(node, s_.file);
    const fs::path path = (fs::path(file).parent_path() / relative).lexically_normal();
    Posterior post = load_posterior(path.string(), file, "uncertainty.posterior", node_line(node));
    const int depth = depth_of(node, files_);
    UncertaintySpec& u = s_.uncertainty;
    u.posterior_drawn.assign(post.parameters.size(), true);
    for (size_t j = 0; j < post.parameters.size(); ++j) {
      const std::string& name = post.parameters[j];
      const auto f = fixed_.find(name);
      const bool fixed = f != fixed_.end() && f->second.depth <= depth;
      const auto r = range_depth_.find(name);
      const bool ranged = r != range_depth_.end() && r->second <= depth;
      if (fixed || ranged) {
        u.posterior_drawn[j] = false;
        continue;
      }
      if (r != range_depth_.end()) {  // a range of a farther file: the posterior replaces it
        std::erase_if(u.ranges, [&](const ParameterRange& x) { return x.name == name; });
      }
      set_parameter(s_.params, name, post.point_value(j), post.file);
    }
    // Every sample, as members will draw it, must pass the loader's cross-field checks.
    for (size_t i = 0; i < post.size(); ++i) {
      Parameters p = s_.params;
      for (size_t j = 0; j < post.parameters.size(); ++j)
        if (u.posterior_drawn[j])
          set_parameter(p, post.parameters[j], post.values[i][j], post.file);
      check_shares(p, post.file, "sample[" + std::to_string(i) + "]", "with this sample", 0);
    }
    u.posterior = std::move(post);
  }

  // The point estimate and the largest draws of the ranges must pass the cross-field checks.
  void check_point_estimate() {
    Parameters p = s_.params;
    check_shares(p, s_.file, "uncertainty", "the point estimate", 0);
    for (const auto& r : s_.uncertainty.ranges) set_parameter(p, r.name, r.hi, s_.file);
    check_shares(p, s_.file, "uncertainty.ranges", "with every range at its upper end", 0);
  }

  void read_outcomes() {
    const auto* arr = doc_.get_as<toml::array>("outcomes");
    if (!arr) return;
    std::set<std::string> keys;
    for (size_t i = 0; i < arr->size(); ++i) {
      const std::string prefix = "outcomes[" + std::to_string(i) + "]";
      const auto* t = arr->get(i)->as_table();
      if (!t)
        throw InputError(s_.file, prefix, value_text(*arr->get(i)), "a table ([[outcomes]])",
                         node_line(*arr->get(i)));
      TableReader r(*t, outcome_schema(), s_.file, prefix);
      OutcomeSpec o;
      o.statistic = r.string("statistic");
      o.direction = r.choice("direction") == "higher_is_better" ? OutcomeDirection::kHigherIsBetter
                                                                : OutcomeDirection::kLowerIsBetter;
      o.label = r.string("label");
      r.finish();
      if (!find_statistic_definition(o.statistic))
        r.fail("statistic", "\"" + o.statistic + "\"",
               "a statistic key defined in outputs/STATISTICS.md");
      if (const auto year = statistic_year(o.statistic);
          year && (*year < s_.info.start.year || *year > s_.info.end.year))
        r.fail("statistic", "\"" + o.statistic + "\"",
               "a statistic of a year inside the window (" + std::to_string(s_.info.start.year) +
                   "-" + std::to_string(s_.info.end.year) + ")");
      if (!keys.insert(o.statistic).second)
        r.fail("statistic", "\"" + o.statistic + "\"", "a statistic not already an outcome");
      s_.outcomes.push_back(std::move(o));
    }
  }

  const toml::table& doc_;
  const std::vector<std::string>& files_;
  Scenario& s_;
  std::map<std::string, Located> fixed_;    // [parameters] entries
  std::map<std::string, int> range_depth_;  // kept ranges
};

}  // namespace

void read_roles(const toml::table& doc, const std::vector<std::string>& files, Scenario& s) {
  RolesReader(doc, files, s).read();
}

}  // namespace hubsim
