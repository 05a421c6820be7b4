#include "events/lever_support.h"

#include <algorithm>
#include <cmath>

#include "scenario/table_reader.h"

namespace hubsim::lever {

std::string join(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s.empty() ? "(none)" : s;
}

std::optional<std::string> region_problem(const Scenario& scenario, const std::string& name) {
  if (scenario.region_index(name)) return std::nullopt;
  return "a region of [[regions]]: " + join(scenario.region_names());
}

std::optional<std::string> named_publisher_problem(const Scenario& scenario,
                                                   const std::string& name) {
  if (scenario.named_publisher_index(name)) return std::nullopt;
  return "the name of a named publisher: " + join(scenario.named_publisher_names());
}

std::vector<std::string> read_types(TableReader& r, const std::string& field,
                                    const std::vector<std::string>& fallback,
                                    bool allow_independent) {
  std::vector<std::string> types = r.has(field) ? r.strings(field) : fallback;
  if (types.empty()) r.fail(field, "[]", "at least one publisher type");
  for (const auto& t : types) {
    const bool known = index_of(kPublisherTypeNames, t).has_value();
    if (!known || (!allow_independent && t == "independent"))
      r.fail(field, "\"" + t + "\"",
             allow_independent ? "publisher types: " + join(names_of(kPublisherTypeNames))
                               : "publisher types of generated organisations: big_tech, "
                                 "industry, academic, nonprofit, government");
  }
  return types;
}

std::optional<Date> read_until(TableReader& r, Date date) {
  const std::optional<Date> until = r.date("until");
  if (until && *until < date)
    r.fail("until", format_date(*until), "a date on or after date (" + format_date(date) + ")");
  return until;
}

size_t group_index(const World& world, int type, int region) {
  return size_t(type) * size_t(world.layout.regions) + size_t(region);
}

void ensure_size(std::vector<double>& v, size_t n, double neutral) {
  if (v.empty()) v.assign(n, neutral);
}

void set_family_rate(NamedFamilyState& family, double releases_per_year, const Context& ctx) {
  const bool faster = releases_per_year > family.releases_per_year;
  family.releases_per_year = releases_per_year;
  if (faster) {
    const int half = std::max(1, int(std::lround(0.5 * ctx.steps_per_year() / releases_per_year)));
    family.next_release_step = std::min(family.next_release_step, ctx.step + half);
  }
}

void scale_family_rate(NamedFamilyState& family, double k, const Context& ctx) {
  set_family_rate(family, family.releases_per_year * k, ctx);
}

void scale_group_rate(World& world, const Context& ctx, int type, int region, double k) {
  world.policy.group_rate_multiplier[group_index(world, type, region)] *= k;
  PublisherTable& pubs = world.publishers;
  for_each_group_member(world, type, region, [&](size_t i) {
    pubs.rate_multiplier[i] *= float(k);
    pubs.refresh_rates(i, ctx.step);
  });
}

}  // namespace hubsim::lever
