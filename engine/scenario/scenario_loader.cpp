#include "scenario/scenario_loader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/errors.h"
#include "core/input_file.h"
#include "events/event.h"
#include "scenario/did_you_mean.h"
#include "scenario/entity_schemas.h"
#include "scenario/parameter_registry.h"
#include "scenario/roles_reader.h"
#include "scenario/table_reader.h"

namespace hubsim {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxRegions = 16;
constexpr int kMaxTasks = 16;
constexpr int kMaxTiers = 8;
constexpr int kMaxCategories = 200;
constexpr int kMaxExtendsDepth = 16;

// Overlay `over` onto `base` (see [scenario].extends for the rules). Nodes are moved so that
// each keeps the file and line it was written at.
void merge_tables(toml::table& base, toml::table&& over, const std::string& path) {
  for (auto&& [key, node] : over) {
    const std::string k(key.str());
    toml::node* existing = base.get(k);
    if (existing && existing->is_table() && node.is_table()) {
      merge_tables(*existing->as_table(), std::move(*node.as_table()), path + k + ".");
      continue;
    }
    // Only arrays of tables merge; anything else replaces the base's value, so that its type
    // error names the file that wrote it.
    if (existing && path.empty() && (k == "publishers" || k == "events") && existing->is_array() &&
        node.is_array() && (node.as_array()->empty() || node.is_array_of_tables())) {
      toml::array& into = *existing->as_array();
      for (auto&& element : *node.as_array()) {
        if (k == "publishers" && element.is_table()) {
          const auto* name = element.as_table()->get_as<std::string>("name");
          bool merged = false;
          for (auto&& target : into) {
            const auto* target_name =
                target.is_table() ? target.as_table()->get_as<std::string>("name") : nullptr;
            if (name && target_name && target_name->get() == name->get()) {
              merge_tables(*target.as_table(), std::move(*element.as_table()), "publishers.");
              merged = true;
              break;
            }
          }
          if (merged) continue;
        }
        into.push_back(std::move(element));
      }
      continue;
    }
    base.insert_or_assign(k, std::move(node));
  }
}

// `files` receives the name of every file of the extends chain, the scenario's own first.
toml::table load_document(const std::string& text, const std::string& name, const fs::path& dir,
                          std::vector<std::string>& chain, std::vector<std::string>& files) {
  files.push_back(name);
  toml::table doc = parse_toml(text, name);
  const toml::node* extends = nullptr;
  if (auto* info = doc.get_as<toml::table>("scenario")) extends = info->get("extends");
  if (!extends) return doc;
  const auto* rel = extends->as_string();
  if (!rel || rel->get().empty())
    throw InputError(name, "scenario.extends", value_text(*extends), "a path to a scenario file",
                     node_line(*extends));
  const fs::path base_path = (dir / rel->get()).lexically_normal();
  std::error_code ec;  // a path the system cannot resolve is reported when it is read
  std::string canonical = fs::weakly_canonical(base_path, ec).string();
  if (ec) canonical = base_path.string();
  for (const auto& seen : chain)
    if (seen == canonical)
      throw InputError(name, "scenario.extends", value_text(*extends),
                       "a scenario that does not (directly or indirectly) extend itself",
                       node_line(*extends));
  if (int(chain.size()) >= kMaxExtendsDepth)
    throw InputError(name, "scenario.extends", value_text(*extends),
                     "at most " + std::to_string(kMaxExtendsDepth) + " levels of extends",
                     node_line(*extends));
  chain.push_back(canonical);
  const FileReference from{name, "scenario.extends", value_text(*extends), node_line(*extends)};
  const std::string base_text = read_input_file(base_path.string(), "scenario file", &from);
  toml::table base =
      load_document(base_text, base_path.string(), base_path.parent_path(), chain, files);
  chain.pop_back();
  // The base's own extends / disable_events are consumed; the overlay's replace them.
  if (auto* info = base.get_as<toml::table>("scenario")) {
    info->erase("extends");
    info->erase("disable_events");
  }
  merge_tables(base, std::move(doc), "");
  return base;
}

// Flattens [parameters] (nested tables or dotted keys) into "a.b" = node.
void flatten(const toml::table& t, const std::string& prefix,
             std::vector<std::pair<std::string, const toml::node*>>& out) {
  for (const auto& [k, v] : t) {
    const std::string key =
        prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = v.as_table()) {
      flatten(*sub, key, out);
    } else {
      out.emplace_back(key, &v);
    }
  }
}

void read_parameters(const toml::table* params, const toml::table* mechanisms,
                     const std::string& file, Parameters& p) {
  std::vector<std::pair<std::string, const toml::node*>> entries;
  if (params) flatten(*params, "", entries);
  std::vector<std::pair<std::string, const toml::node*>> switches;
  if (mechanisms) flatten(*mechanisms, "mechanisms", switches);
  auto apply = [&](const std::string& key, const toml::node* node, const std::string& shown) {
    const ParameterEntry* e = find_parameter(key);
    const std::string where = node_file(*node, file);
    if (!e || (std::holds_alternative<bool MechanismSwitches::*>(e->member) !=
               key.starts_with("mechanisms."))) {
      std::string guess = closest_match(key, parameter_names());
      if (guess.starts_with("mechanisms.") && !key.starts_with("mechanisms."))
        guess = "[mechanisms] " + guess.substr(11);
      throw InputError(
          where, shown, value_text(*node),
          "unknown parameter" +
              (guess.empty() ? std::string(" (the parameter table is in scenarios/README.md)")
                             : "; did you mean '" + guess + "'?"),
          node_line(*node));
    }
    if (auto b = std::get_if<bool MechanismSwitches::*>(&e->member)) {
      const auto v = node->as_boolean();
      if (!v) throw InputError(where, shown, value_text(*node), "true or false", node_line(*node));
      p.mechanisms.*(*b) = v->get();
      return;
    }
    double value = 0;
    if (auto i = node->as_integer()) {
      value = double(i->get());
    } else if (auto d = node->as_floating_point()) {
      value = d->get();
    } else {
      throw InputError(where, shown, value_text(*node), describe_allowed(e->spec),
                       node_line(*node));
    }
    if (!std::isfinite(value) || value < e->spec.lo || value > e->spec.hi)
      throw InputError(where, shown, value_text(*node), describe_allowed(e->spec),
                       node_line(*node));
    p.*std::get<double Parameters::*>(e->member) = value;
  };
  for (const auto& [key, node] : entries) apply(key, node, "parameters." + key);
  for (const auto& [key, node] : switches) apply(key, node, key);
}

void check_sum(const TableReader& r, const std::string& key, double sum, const std::string& what) {
  if (std::fabs(sum - 1.0) > 1e-3) {
    std::ostringstream os;
    os << "sum " << sum;
    r.fail(key, os.str(), what + " must sum to 1 (within 0.001)");
  }
}

template <class Fn>
void for_each_table(const toml::array* array, const std::string& key, const std::string& file,
                    const Schema& schema, Fn&& fn) {
  if (!array) return;
  for (size_t i = 0; i < array->size(); ++i) {
    const toml::table& t = *array->get(i)->as_table();
    TableReader r(t, schema, file, key + "[" + std::to_string(i) + "]");
    fn(r, i);
    r.finish();
  }
}

class ScenarioBuilder {
 public:
  ScenarioBuilder(const toml::table& doc, std::string file) : doc_(doc), file_(std::move(file)) {}

  Scenario build() {
    TableReader top(doc_, top_level_schema(), file_, "");
    top.finish();
    s_.file = file_;
    read_info(top);
    s_.params = default_parameters();
    read_parameters(top.table("parameters"), top.table("mechanisms"), file_, s_.params);
    check_parameters(top);
    read_regions(top);
    read_tiers(top);
    read_tasks(top);
    read_categories(top);
    read_publisher_types(top);
    read_named_publishers(top);
    read_events(top);
    return std::move(s_);
  }

 private:
  void read_info(TableReader& top) {
    TableReader r(*top.table("scenario"), scenario_info_schema(), file_, "scenario");
    ScenarioInfo& info = s_.info;
    info.name = r.string("name");
    info.description = r.string("description");
    r.string("extends");  // consumed while loading the document
    disabled_events_ = r.strings("disable_events");
    info.start = r.required_date("start");
    info.end = r.required_date("end");
    if (info.end <= info.start)
      r.fail("end", format_date(info.end),
             "a date after scenario.start (" + format_date(info.start) + ")");
    if (info.end.year - info.start.year > 200)
      r.fail("end", format_date(info.end), "a window of at most 200 years");
    info.step_days = int(r.integer("step_days"));
    info.scale = r.number("scale");
    info.seed = uint64_t(r.integer("seed"));
    info.replications = int(r.integer("replications"));
    info.write_model_table = r.boolean("write_model_table");
    r.finish();
  }

  void check_parameters(const TableReader& top) {
    const Parameters& p = s_.params;
    const double shares =
        p.derivation_finetune_share + p.derivation_adapter_share + p.derivation_merge_share;
    if (shares > 1.0 + 1e-9) {
      std::ostringstream os;
      os << shares;
      // Point at the share written by the scenario itself when it sets one (not at the file
      // it extends, whose [parameters] table the merged one is).
      const toml::node* at = nullptr;
      for (const char* share : {"finetune_share", "adapter_share", "merge_share"}) {
        const toml::node* n = doc_.at_path(std::string("parameters.derivation.") + share).node();
        if (n && (!at || node_file(*n, file_) == file_)) at = n;
      }
      throw InputError(at ? node_file(*at, file_) : top.file_of("parameters"),
                       "parameters.derivation.finetune_share + adapter_share + merge_share",
                       os.str(), "at most 1 (the rest are quantizations)",
                       at ? node_line(*at) : top.line_of("parameters"));
    }
  }

  void read_regions(TableReader& top) {
    const auto* arr = top.table_array("regions");
    double sum = 0;
    for_each_table(arr, "regions", file_, region_schema(), [&](TableReader& r, size_t) {
      RegionSpec reg;
      reg.name = r.string("name");
      if (s_.region_index(reg.name))
        r.fail("name", "\"" + reg.name + "\"", "a name not used by another region");
      reg.user_share = r.number("user_share");
      reg.home_bias = r.number("home_bias");
      reg.creator_propensity = r.number("creator_propensity");
      sum += reg.user_share;
      s_.regions.push_back(reg);
    });
    if (s_.regions.empty() || int(s_.regions.size()) > kMaxRegions)
      top.fail("regions", std::to_string(s_.regions.size()) + " regions",
               "between 1 and " + std::to_string(kMaxRegions) + " regions");
    check_sum(top, "regions", sum, "regions.user_share");
  }

  void read_tiers(TableReader& top) {
    double sum = 0;
    for_each_table(top.table_array("hardware_tiers"), "hardware_tiers", file_,
                   hardware_tier_schema(), [&](TableReader& r, size_t i) {
                     HardwareTierSpec t;
                     t.name = r.string("name");
                     t.memory_gb = r.number("memory_gb");
                     t.initial_share = r.number("initial_share");
                     if (i > 0 && t.memory_gb < s_.tiers.back().memory_gb)
                       r.fail("memory_gb", std::to_string(t.memory_gb),
                              "tiers ordered by memory: at least the previous tier's " +
                                  std::to_string(s_.tiers.back().memory_gb));
                     sum += t.initial_share;
                     s_.tiers.push_back(t);
                   });
    if (s_.tiers.empty() || int(s_.tiers.size()) > kMaxTiers)
      top.fail("hardware_tiers", std::to_string(s_.tiers.size()) + " tiers",
               "between 1 and " + std::to_string(kMaxTiers) + " tiers");
    check_sum(top, "hardware_tiers", sum, "hardware_tiers.initial_share");
  }

  void read_tasks(TableReader& top) {
    double demand = 0, release = 0;
    for_each_table(top.table_array("tasks"), "tasks", file_, task_schema(),
                   [&](TableReader& r, size_t) {
                     TaskSpec t;
                     t.name = r.string("name");
                     if (s_.task_index(t.name))
                       r.fail("name", "\"" + t.name + "\"", "a name not used by another task");
                     t.demand_share = r.number("demand_share");
                     t.demand_growth_per_year = r.number("demand_growth_per_year");
                     t.release_share = r.number("release_share");
                     t.release_growth_per_year = r.number("release_growth_per_year");
                     t.surge_from = r.date("surge_from");
                     t.surge_growth_per_year = r.number("surge_growth_per_year");
                     demand += t.demand_share;
                     release += t.release_share;
                     s_.tasks.push_back(t);
                   });
    if (s_.tasks.empty() || int(s_.tasks.size()) > kMaxTasks)
      top.fail("tasks", std::to_string(s_.tasks.size()) + " tasks",
               "between 1 and " + std::to_string(kMaxTasks) + " tasks");
    check_sum(top, "tasks", demand, "tasks.demand_share");
    check_sum(top, "tasks", release, "tasks.release_share");
  }

  void read_categories(TableReader& top) {
    double sum = 0;
    std::set<std::string> names;
    for_each_table(top.table_array("dataset_categories"), "dataset_categories", file_,
                   dataset_category_schema(), [&](TableReader& r, size_t) {
                     DatasetCategorySpec c;
                     c.name = r.string("name");
                     if (!names.insert(c.name).second)
                       r.fail("name", "\"" + c.name + "\"", "a name not used by another category");
                     c.share = r.number("share");
                     if (c.share <= 0) r.fail("share", "0", "a share above 0");
                     c.growth_per_year = r.number("growth_per_year");
                     c.surge_from = r.date("surge_from");
                     c.surge_growth_per_year = r.number("surge_growth_per_year");
                     c.ranked = r.boolean("ranked");
                     sum += c.share;
                     s_.dataset_categories.push_back(c);
                   });
    if (s_.dataset_categories.empty() || int(s_.dataset_categories.size()) > kMaxCategories)
      top.fail("dataset_categories", std::to_string(s_.dataset_categories.size()) + " categories",
               "between 1 and " + std::to_string(kMaxCategories) + " categories");
    check_sum(top, "dataset_categories", sum, "dataset_categories.share");
  }

  void read_publisher_types(TableReader& top) {
    TableReader types(*top.table("publisher_types"), publisher_types_table_schema(), file_,
                      "publisher_types");
    for (int t = 0; t < kPublisherTypeCount; ++t) {
      const std::string name = kPublisherTypeNames[size_t(t)];
      TableReader r(*types.table(name), publisher_type_schema(), file_, "publisher_types." + name);
      PublisherTypeSpec& spec = s_.publisher_types[size_t(t)];
      spec.type = PublisherType(t);
      spec.initial = r.number("initial");
      spec.entry_per_year = r.number("entry_per_year");
      spec.entry_growth_per_year = r.number("entry_growth_per_year");
      spec.region_share.assign(s_.regions.size(), 0.0);
      double sum = 0;
      for (const auto& [region, share] : r.numbers_by_name("region_share")) {
        const auto idx = s_.region_index(region);
        if (!idx) {
          const std::string guess = closest_match(region, s_.region_names());
          const toml::node& at = *r.raw().get("region_share")->as_table()->get(region);
          throw InputError(
              node_file(at, file_), r.key_path("region_share." + region), value_text(at),
              "names of [[regions]]" + (guess.empty() ? "" : " (did you mean '" + guess + "'?)"),
              node_line(at));
        }
        spec.region_share[size_t(*idx)] = share;
        sum += share;
      }
      check_sum(r, "region_share", sum, "region_share");
      spec.base_releases_per_year = r.number("base_releases_per_year");
      spec.derivatives_per_year = r.number("derivatives_per_year");
      spec.rate_sd_log = r.number("rate_sd_log");
      spec.quality_log_mean = r.number("quality_log_mean");
      spec.size_log10_mean = r.number("size_log10_mean");
      spec.size_log10_sd = r.number("size_log10_sd");
      spec.openness = r.number("openness");
      spec.continuous_share = r.number("continuous_share");
      spec.mean_lifetime_years = r.number("mean_lifetime_years");
      r.finish();
    }
    types.finish();
  }

  void read_named_publishers(TableReader& top) {
    std::set<std::string> family_ids;
    for_each_table(top.table_array("publishers"), "publishers", file_, named_publisher_schema(),
                   [&](TableReader& r, size_t i) {
                     NamedPublisherSpec p;
                     p.name = r.string("name");
                     if (s_.named_publisher_index(p.name))
                       r.fail("name", "\"" + p.name + "\"", "a name not used by another publisher");
                     p.type = PublisherType(*index_of(kPublisherTypeNames, r.choice("type")));
                     const std::string region = r.string("region");
                     const auto idx = s_.region_index(region);
                     if (!idx) r.fail("region", "\"" + region + "\"", allowed_regions());
                     p.region = *idx;
                     p.publicly_funded = r.boolean("publicly_funded");
                     p.report_releases = r.boolean("report_releases");
                     const std::string prefix = "publishers[" + std::to_string(i) + "].families";
                     for_each_table(r.table_array("families"), prefix, file_, family_schema(),
                                    [&](TableReader& fr, size_t) {
                                      FamilySpec f = read_family(fr);
                                      if (!family_ids.insert(f.id).second)
                                        fr.fail("id", "\"" + f.id + "\"",
                                                "a family id not used elsewhere");
                                      p.families.push_back(std::move(f));
                                    });
                     if (p.families.empty()) r.fail("families", "[]", "at least one family");
                     s_.named_publishers.push_back(std::move(p));
                   });
  }

  FamilySpec read_family(TableReader& r) {
    FamilySpec f;
    f.id = r.string("id");
    f.from = r.required_date("from");
    f.until = r.date("until");
    if (f.until && *f.until < f.from)
      r.fail("until", format_date(*f.until),
             "a date on or after from (" + format_date(f.from) + ")");
    f.strategy = ReleaseStrategy(*index_of(kReleaseStrategyNames, r.choice("strategy")));
    f.releases_per_year = r.number("releases_per_year");
    f.sizes_b = r.numbers("sizes_b");
    if (f.sizes_b.empty()) r.fail("sizes_b", "[]", "at least one size");
    f.sizes_from = r.dates("sizes_from");
    if (r.has("sizes_from") && f.sizes_from.size() != f.sizes_b.size())
      r.fail("sizes_from",
             value_text(*r.raw().get("sizes_from")) + " (" + std::to_string(f.sizes_from.size()) +
                 " dates)",
             std::to_string(f.sizes_b.size()) + " dates, one per size of sizes_b");
    if (!f.sizes_from.empty() && f.until) {
      // A family none of whose sizes is out before it ends would never release.
      const Date first = *std::min_element(f.sizes_from.begin(), f.sizes_from.end());
      if (*f.until < first)
        r.fail("sizes_from", format_date(first),
               "an earliest date on or before until (" + format_date(*f.until) + ")");
    }
    f.sizes_per_release = r.number("sizes_per_release");
    f.quality_log = r.number("quality_log");
    f.openness = r.number("openness");
    f.license_factor = r.number("license_factor");
    const std::string task = r.string("task");
    const auto t = s_.task_index(task);
    if (!t) {
      const std::string guess = closest_match(task, s_.task_names());
      r.fail("task", "\"" + task + "\"",
             "a task of [[tasks]]" + (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)"));
    }
    f.task = *t;
    f.official_quantized = int(r.integer("official_quantized"));
    f.report_derivatives = r.boolean("report_derivatives");
    return f;
  }

  void read_events(TableReader& top) {
    const toml::array* arr = top.table_array("events");
    std::set<std::string> ids;
    std::vector<std::string> type_names;
    for (const auto& t : event_types()) type_names.push_back(t.name);
    if (arr) {
      for (size_t i = 0; i < arr->size(); ++i) {
        const toml::table& t = *arr->get(i)->as_table();
        const std::string key = "events[" + std::to_string(i) + "]";
        const auto* type_node = t.get("type");
        const auto* type_name = type_node ? type_node->as_string() : nullptr;
        const EventType* type = type_name ? find_event_type(type_name->get()) : nullptr;
        if (!type) {
          std::string allowed = "one of";
          for (const auto& n : type_names) allowed += " \"" + n + "\"";
          const std::string guess = type_name ? closest_match(type_name->get(), type_names) : "";
          if (!guess.empty()) allowed += " (did you mean \"" + guess + "\"?)";
          throw InputError(node_file(type_node ? *type_node : t, file_), key + ".type",
                           type_node ? value_text(*type_node) : "(missing)", allowed,
                           node_line(type_node ? *type_node : t));
        }
        TableReader r(t, type->schema, file_, key);
        r.string("type");
        r.string("note");
        const Date date = r.required_date("date");
        std::string id = r.string("id");
        if (id.empty()) id = type->name + "-" + format_date(date);
        if (!ids.insert(id).second)
          r.fail("id", "\"" + id + "\"", "an id not used by another event (set id = \"...\")");
        EventSource source{node_file(t, file_), node_line(t), key};
        std::unique_ptr<Event> event = type->read(r, id, date, source);
        r.finish();
        event->check(s_);
        s_.events.push_back(std::move(event));
      }
    }
    for (const auto& id : disabled_events_) {
      auto it = std::find_if(s_.events.begin(), s_.events.end(),
                             [&](const auto& e) { return e->id() == id; });
      if (it == s_.events.end()) {
        std::string known;
        for (const auto& e : s_.events) known += (known.empty() ? "" : ", ") + e->id();
        throw InputError(file_, "scenario.disable_events", "\"" + id + "\"",
                         "ids of events of this scenario: " + (known.empty() ? "(none)" : known));
      }
      s_.events.erase(it);
    }
  }

  std::string allowed_regions() const {
    std::string s = "a region of [[regions]]:";
    for (const auto& r : s_.regions) s += " " + r.name;
    return s;
  }

  const toml::table& doc_;
  std::string file_;
  Scenario s_;
  std::vector<std::string> disabled_events_;
};

Scenario build(const std::string& text, const std::string& name, const fs::path& dir) {
  std::vector<std::string> chain;
  std::error_code ec;
  chain.push_back(fs::weakly_canonical(fs::path(name), ec).string());
  std::vector<std::string> files;
  toml::table doc = load_document(text, name, dir, chain, files);
  Scenario s = ScenarioBuilder(doc, name).build();
  read_roles(doc, files, s);
  s.file_text = text;
  std::ostringstream resolved;
  resolved << doc;
  s.resolved_text = resolved.str();
  return s;
}

}  // namespace

Scenario load_scenario(const std::string& path) {
  const std::string text = read_input_file(path, "scenario file");
  return build(text, path, fs::path(path).parent_path());
}

Scenario load_scenario_text(const std::string& text, const std::string& name,
                            const std::string& base_dir) {
  return build(text, name, fs::path(base_dir));
}

}  // namespace hubsim
