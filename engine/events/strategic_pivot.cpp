#include "events/strategic_pivot.h"

#include <algorithm>
#include <cmath>

#include "scenario/table_reader.h"

namespace hubsim {

Schema StrategicPivot::schema() {
  Schema s;
  s.title = "[[events]] type = \"strategic_pivot\"";
  s.description =
      "Publishers change strategy: their release rate is multiplied, their "
      "openness (share of releases published as open weights), release strategy and "
      "(named families) repositories per size can be set. Named publishers are listed by name; "
      "generated publishers are "
      "targeted as a group (types in a region), including later entrants.";
  s.fields = common_event_fields();
  s.fields.push_back(string_list_field("publishers", false, "Named publishers that pivot."));
  s.fields.push_back(string_field(
      "group_region", false, "Region of the generated publishers that pivot (with group_types)."));
  s.fields.push_back(string_list_field(
      "group_types", false, "Publisher types of the generated group, e.g. [\"industry\"]."));
  s.fields.push_back(number_field("release_rate_multiplier", 1.0, 0, 1000, "x",
                                  "Factor on the release rates of the targets."));
  s.fields.push_back(integer_field(
      "variants_per_size", 0, 0, 20, "repositories",
      "Repositories per size in each release of the named targets' families (checkpoints, "
      "instruct and long-context versions); they share the size's appeal, so a pivot to many "
      "repositories spreads the family's demand instead of multiplying it. 0 leaves it unchanged. "
      "Landmark releases of these families still publish one repository per size."));
  s.fields.push_back(number_field("openness", -1, -1, 1, "share",
                                  "New openness of the targets; -1 leaves it unchanged."));
  s.fields.push_back(choice_field("strategy", {"unchanged", "one_shot", "continuous"}, "unchanged",
                                  "New release strategy of the named targets' families."));
  return s;
}

std::unique_ptr<Event> StrategicPivot::read(TableReader& r, std::string id, Date date,
                                            EventSource source) {
  auto e = std::make_unique<StrategicPivot>(std::move(id), date, std::move(source));
  e->publishers = r.strings("publishers");
  e->group_region = r.string("group_region");
  e->group_types = r.strings("group_types");
  e->release_rate_multiplier = r.number("release_rate_multiplier");
  e->openness = r.number("openness");
  e->variants_per_size = int(r.integer("variants_per_size"));
  const std::string strategy = r.choice("strategy");
  e->strategy = strategy == "unchanged" ? "" : strategy;
  if (e->publishers.empty() && e->group_region.empty())
    r.fail("publishers", "(missing)", "name publishers, or a group_region with group_types");
  if (e->variants_per_size > 0 && e->publishers.empty())
    r.fail("variants_per_size", std::to_string(e->variants_per_size),
           "repositories per size apply to named publishers' families: name them in publishers");
  if (e->group_region.empty() != e->group_types.empty())
    r.fail(e->group_region.empty() ? "group_region" : "group_types", "(missing)",
           "group_region and group_types go together");
  for (const auto& t : e->group_types)
    if (!index_of(kPublisherTypeNames, t) || t == "independent")
      r.fail("group_types", "\"" + t + "\"",
             "publisher types of generated organisations: big_tech, industry, academic, "
             "nonprofit, government");
  return e;
}

void StrategicPivot::check(const Scenario& scenario) const {
  for (const auto& name : publishers) {
    if (!scenario.named_publisher_index(name)) {
      std::string names;
      for (const auto& n : scenario.named_publisher_names())
        names += (names.empty() ? "" : ", ") + n;
      fail("publishers", "\"" + name + "\"", "names of named publishers: " + names);
    }
  }
  if (!group_region.empty() && !scenario.region_index(group_region)) {
    std::string names;
    for (const auto& n : scenario.region_names()) names += (names.empty() ? "" : ", ") + n;
    fail("group_region", "\"" + group_region + "\"", "a region: " + names);
  }
}

void StrategicPivot::apply(World& world, const Context& ctx) const {
  for (const auto& name : publishers) {
    const int pub = *ctx.scenario.named_publisher_index(name);
    for (NamedFamilyState& nf : world.named_families) {
      if (nf.named_publisher != pub) continue;
      nf.releases_per_year *= release_rate_multiplier;
      if (openness >= 0) nf.openness = openness;
      if (variants_per_size > 0) nf.variants_per_size = variants_per_size;
      if (strategy == "continuous") nf.strategy = ReleaseStrategy::kContinuous;
      if (strategy == "one_shot") nf.strategy = ReleaseStrategy::kOneShot;
      if (nf.strategy == ReleaseStrategy::kContinuous) nf.released = false;
      // The new cadence starts now: the next release comes within half a new interval.
      if (nf.releases_per_year > 0) {
        const int half =
            std::max(1, int(std::lround(0.5 * ctx.steps_per_year() / nf.releases_per_year)));
        nf.next_release_step = std::min(nf.next_release_step, ctx.step + half);
      }
    }
  }
  if (group_region.empty()) return;
  const int region = *ctx.scenario.region_index(group_region);
  const int R = world.layout.regions;
  for (const auto& t : group_types) {
    const int type = *index_of(kPublisherTypeNames, t);
    const size_t group = size_t(type * R + region);
    world.policy.group_rate_multiplier[group] *= release_rate_multiplier;
    if (openness >= 0) world.policy.group_openness[group] = openness;
  }
  PublisherTable& pubs = world.publishers;
  for (size_t i = 0; i < pubs.size(); ++i) {
    if (pubs.is_named(i) || pubs.region[i] != region) continue;
    const std::string type_name = kPublisherTypeNames[pubs.type[i]];
    if (std::find(group_types.begin(), group_types.end(), type_name) == group_types.end()) continue;
    pubs.rate_multiplier[i] *= float(release_rate_multiplier);
    if (openness >= 0) pubs.openness[i] = float(openness);
    pubs.refresh_rates(i, ctx.step);
  }
}

}  // namespace hubsim
