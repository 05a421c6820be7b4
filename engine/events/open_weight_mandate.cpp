#include "events/open_weight_mandate.h"

#include <algorithm>

#include "events/lever_support.h"
#include "scenario/table_reader.h"

namespace hubsim {

Schema OpenWeightMandate::schema() {
  Schema s;
  s.title = "[[events]] type = \"open_weight_mandate\"";
  s.description =
      "A region requires publicly funded models to be published as open weights: the openness "
      "(share of planned releases published openly) of the covered publishers rises to at "
      "least `openness`. Covered: the region's named publishers with publicly_funded = true, "
      "the named publishers listed, and the region's generated publishers of the listed types "
      "(including those entering later). The mandate is permanent.";
  s.fields = common_event_fields();
  s.fields.push_back(string_field("region", true, "Region that enacts the mandate."));
  s.fields.push_back(string_list_field(
      "publishers", false, "Further named publishers of the region covered (e.g. grant holders)."));
  s.fields.push_back(string_list_field(
      "types", false,
      "Generated publisher types of the region counted as publicly funded. Default: "
      "[\"government\", \"academic\"]."));
  s.fields.push_back(
      number_field("openness", 1.0, 0, 1, "share",
                   "Minimum openness of covered publishers (1 = every release open)."));
  return s;
}

std::unique_ptr<Event> OpenWeightMandate::read(TableReader& r, std::string id, Date date,
                                               EventSource source) {
  auto e = std::make_unique<OpenWeightMandate>(std::move(id), date, std::move(source));
  e->region = r.string("region");
  e->publishers = r.strings("publishers");
  e->types = lever::read_types(r, "types", {"government", "academic"}, false);
  e->openness = r.number("openness");
  return e;
}

void OpenWeightMandate::check(const Scenario& scenario) const {
  if (auto problem = lever::region_problem(scenario, region))
    fail("region", "\"" + region + "\"", *problem);
  const int r = *scenario.region_index(region);
  for (const auto& name : publishers) {
    if (auto problem = lever::named_publisher_problem(scenario, name))
      fail("publishers", "\"" + name + "\"", *problem);
    if (scenario.named_publishers[size_t(*scenario.named_publisher_index(name))].region != r)
      fail("publishers", "\"" + name + "\"", "named publishers based in " + region);
  }
}

void OpenWeightMandate::apply(World& world, const Context& ctx) const {
  const Scenario& sc = ctx.scenario;
  const int r = *sc.region_index(region);
  for (NamedFamilyState& nf : world.named_families) {
    const NamedPublisherSpec& spec = sc.named_publishers[size_t(nf.named_publisher)];
    const bool listed =
        std::find(publishers.begin(), publishers.end(), spec.name) != publishers.end();
    if (spec.region != r || !(spec.publicly_funded || listed)) continue;
    nf.openness = std::max(nf.openness, openness);
  }
  PublisherTable& pubs = world.publishers;
  for (const auto& name : types) {
    const int type = *index_of(kPublisherTypeNames, name);
    double& group = world.policy.group_openness[lever::group_index(world, type, r)];
    group = std::max(group >= 0 ? group : sc.publisher_types[size_t(type)].openness, openness);
    lever::for_each_group_member(world, type, r, [&](size_t i) {
      pubs.openness[i] = std::max(pubs.openness[i], float(openness));
      pubs.refresh_rates(i, ctx.step);
    });
  }
}

}  // namespace hubsim
