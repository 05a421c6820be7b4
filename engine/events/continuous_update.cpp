#include "events/continuous_update.h"

#include <algorithm>

#include "events/lever_support.h"
#include "scenario/table_reader.h"

namespace hubsim {

Schema ContinuousUpdate::schema() {
  Schema s;
  s.title = "[[events]] type = \"continuous_update\"";
  s.description =
      "Publishers switch to a continuous-update strategy: each new release joins the family's "
      "line as its next version, is a little better (quality.version_step_log) and renews the "
      "attention of the family's models (attention.family_renewal). Named publishers are "
      "listed or all taken (all_named); generated publishers are targeted as groups (types in "
      "regions), including those entering later. Permanent.";
  s.fields = common_event_fields();
  s.fields.push_back(string_list_field("publishers", false, "Named publishers that switch."));
  s.fields.push_back(bool_field("all_named", false, "Every named publisher switches."));
  s.fields.push_back(string_list_field(
      "group_types", false, "Types of generated publishers that switch, e.g. [\"big_tech\"]."));
  s.fields.push_back(string_list_field("group_regions", false,
                                       "Regions of the generated group (default: every region)."));
  s.fields.push_back(number_field("releases_per_year", -1, -1, 365, "releases/year",
                                  "New cadence of the named families; -1 keeps each family's."));
  return s;
}

std::unique_ptr<Event> ContinuousUpdate::read(TableReader& r, std::string id, Date date,
                                              EventSource source) {
  auto e = std::make_unique<ContinuousUpdate>(std::move(id), date, std::move(source));
  e->publishers = r.strings("publishers");
  e->all_named = r.boolean("all_named");
  e->group_types = r.has("group_types") ? lever::read_types(r, "group_types", {}, true)
                                        : std::vector<std::string>{};
  e->group_regions = r.strings("group_regions");
  e->releases_per_year = r.number("releases_per_year");
  if (e->publishers.empty() && !e->all_named && e->group_types.empty())
    r.fail("publishers", "(missing)", "name publishers, set all_named = true, or give group_types");
  if (!e->group_regions.empty() && e->group_types.empty())
    r.fail("group_types", "(missing)", "group_types with group_regions");
  return e;
}

void ContinuousUpdate::check(const Scenario& scenario) const {
  for (const auto& name : publishers)
    if (auto problem = lever::named_publisher_problem(scenario, name))
      fail("publishers", "\"" + name + "\"", *problem);
  for (const auto& name : group_regions)
    if (auto problem = lever::region_problem(scenario, name))
      fail("group_regions", "\"" + name + "\"", *problem);
}

void ContinuousUpdate::apply(World& world, const Context& ctx) const {
  const Scenario& sc = ctx.scenario;
  for (NamedFamilyState& nf : world.named_families) {
    const std::string& name = sc.named_publishers[size_t(nf.named_publisher)].name;
    if (!all_named && std::find(publishers.begin(), publishers.end(), name) == publishers.end())
      continue;
    nf.strategy = ReleaseStrategy::kContinuous;
    world.families.strategy[size_t(nf.family)] = uint8_t(ReleaseStrategy::kContinuous);
    if (releases_per_year >= 0) lever::set_family_rate(nf, releases_per_year, ctx);
  }
  if (group_types.empty()) return;
  std::vector<int> regions;
  for (const auto& name : group_regions) regions.push_back(*sc.region_index(name));
  if (regions.empty())
    for (int r = 0; r < int(sc.regions.size()); ++r) regions.push_back(r);
  PolicyState& policy = world.policy;
  lever::ensure_size(policy.group_continuous_share, size_t(kPublisherTypeCount) * sc.regions.size(),
                     -1.0);
  PublisherTable& pubs = world.publishers;
  for (const auto& type_name : group_types) {
    const int type = *index_of(kPublisherTypeNames, type_name);
    for (int r : regions) {
      policy.group_continuous_share[lever::group_index(world, type, r)] = 1.0;
      lever::for_each_group_member(world, type, r, [&](size_t i) {
        pubs.strategy[i] = uint8_t(ReleaseStrategy::kContinuous);
        // The publisher's latest family becomes the line its next releases continue.
        if (pubs.family[i] >= 0)
          world.families.strategy[size_t(pubs.family[i])] = uint8_t(ReleaseStrategy::kContinuous);
      });
    }
  }
}

}  // namespace hubsim
