#include "events/public_compute.h"

#include <algorithm>

#include "events/lever_support.h"
#include "scenario/table_reader.h"

namespace hubsim {

Schema PublicCompute::schema() {
  Schema s;
  s.title = "[[events]] type = \"public_compute\"";
  s.description =
      "Public compute for a region's academics and independents: more of the region's users "
      "become independent creators, the targeted publishers (those present and those entering "
      "later) release base models and upload derivatives at a higher rate, and their base "
      "models and derivatives gain appeal. At `until` every effect is withdrawn.";
  s.fields = common_event_fields();
  s.fields.push_back(string_field("region", true, "Region whose publishers receive the compute."));
  s.fields.push_back(string_list_field(
      "types", false,
      "Publisher types that receive it (generated publishers of these types in the region; "
      "\"independent\" = creators). Default: [\"academic\", \"independent\"]."));
  s.fields.push_back(number_field("creator_propensity_multiplier", 1.0, 0.01, 100, "x",
                                  "Factor on the chance that a user of the region becomes a "
                                  "creator (needs \"independent\" among types)."));
  s.fields.push_back(number_field("rate_multiplier", 1.0, 0.01, 100, "x",
                                  "Factor on the release and upload rates of the targeted "
                                  "publishers."));
  s.fields.push_back(number_field("quality_gain", 0.0, 0, 10, "log appeal",
                                  "Added to the log appeal of the targeted publishers' base "
                                  "models and derivatives."));
  s.fields.push_back(
      date_field("until", false, "Last day the programme runs (default: never ends)."));
  return s;
}

std::unique_ptr<Event> PublicCompute::read(TableReader& r, std::string id, Date date,
                                           EventSource source) {
  auto e = std::make_unique<PublicCompute>(std::move(id), date, std::move(source));
  e->region = r.string("region");
  e->types = lever::read_types(r, "types", {"academic", "independent"}, true);
  e->creator_propensity_multiplier = r.number("creator_propensity_multiplier");
  e->rate_multiplier = r.number("rate_multiplier");
  e->quality_gain = r.number("quality_gain");
  const bool creators =
      std::find(e->types.begin(), e->types.end(), "independent") != e->types.end();
  if (e->creator_propensity_multiplier != 1.0 && !creators)
    r.fail("creator_propensity_multiplier", std::to_string(e->creator_propensity_multiplier),
           "1 unless \"independent\" is among types (creators are independents)");
  e->until_date = lever::read_until(r, date);
  return e;
}

void PublicCompute::check(const Scenario& scenario) const {
  if (auto problem = lever::region_problem(scenario, region))
    fail("region", "\"" + region + "\"", *problem);
}

void PublicCompute::change(World& world, const Context& ctx, int sign) const {
  const int r = *ctx.scenario.region_index(region);
  const size_t R = ctx.scenario.regions.size();
  PolicyState& policy = world.policy;
  lever::ensure_size(policy.creator_propensity_multiplier, R, 1.0);
  lever::ensure_size(policy.group_quality_log, size_t(kPublisherTypeCount) * R, 0.0);
  if (std::find(types.begin(), types.end(), "independent") != types.end())
    policy.creator_propensity_multiplier[size_t(r)] *=
        sign > 0 ? creator_propensity_multiplier : 1.0 / creator_propensity_multiplier;
  for (const auto& name : types) {
    const int type = *index_of(kPublisherTypeNames, name);
    lever::scale_group_rate(world, ctx, type, r,
                            sign > 0 ? rate_multiplier : 1.0 / rate_multiplier);
    policy.group_quality_log[lever::group_index(world, type, r)] += sign * quality_gain;
  }
}

void PublicCompute::apply(World& world, const Context& ctx) const {
  change(world, ctx, +1);
}

void PublicCompute::end(World& world, const Context& ctx) const {
  change(world, ctx, -1);
}

}  // namespace hubsim
