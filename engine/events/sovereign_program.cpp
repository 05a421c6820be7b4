#include "events/sovereign_program.h"

#include "events/lever_support.h"
#include "scenario/table_reader.h"

namespace hubsim {

Schema SovereignProgram::schema() {
  Schema s;
  s.title = "[[events]] type = \"sovereign_program\"";
  s.description =
      "A sovereign AI program: a region funds named champions (named publishers of the "
      "region). What the funding buys is stated directly: the champions' release rate is "
      "multiplied and their releases gain appeal; the program also raises the preference of "
      "the region's users for models developed in the region (added to the region's home "
      "bias). At `until` the rate, the appeal gain and the preference return to what they "
      "would have been without the program.";
  s.fields = common_event_fields();
  s.fields.push_back(string_field("region", true, "Region that runs the program."));
  s.fields.push_back(string_list_field(
      "champions", true, "Named publishers funded by the program (each based in `region`)."));
  s.fields.push_back(number_field("release_rate_multiplier", 1.0, 0.01, 100, "x",
                                  "Factor on the champions' release rates bought by the funding."));
  s.fields.push_back(number_field("quality_gain", 0.0, 0, 10, "log appeal",
                                  "Added to the log appeal of the champions' releases while the "
                                  "program runs (bigger training budgets)."));
  s.fields.push_back(number_field("domestic_preference", 0.0, 0, 100, "x - 1",
                                  "Added to the home bias of the region's users (procurement, "
                                  "promotion, localisation): 1 = one more time the weight."));
  s.fields.push_back(
      date_field("until", false, "Last day the program runs (default: never ends)."));
  return s;
}

std::unique_ptr<Event> SovereignProgram::read(TableReader& r, std::string id, Date date,
                                              EventSource source) {
  auto e = std::make_unique<SovereignProgram>(std::move(id), date, std::move(source));
  e->region = r.string("region");
  e->champions = r.strings("champions");
  if (e->champions.empty()) r.fail("champions", "[]", "at least one named publisher");
  e->release_rate_multiplier = r.number("release_rate_multiplier");
  e->quality_gain = r.number("quality_gain");
  e->domestic_preference = r.number("domestic_preference");
  e->until_date = lever::read_until(r, date);
  return e;
}

void SovereignProgram::check(const Scenario& scenario) const {
  if (auto problem = lever::region_problem(scenario, region))
    fail("region", "\"" + region + "\"", *problem);
  for (const auto& name : champions) {
    if (auto problem = lever::named_publisher_problem(scenario, name))
      fail("champions", "\"" + name + "\"", *problem);
    const NamedPublisherSpec& p =
        scenario.named_publishers[size_t(*scenario.named_publisher_index(name))];
    if (p.region != *scenario.region_index(region)) {
      std::vector<std::string> local;
      for (const auto& q : scenario.named_publishers)
        if (q.region == *scenario.region_index(region)) local.push_back(q.name);
      fail("champions", "\"" + name + "\"",
           "named publishers based in " + region + ": " + lever::join(local));
    }
  }
}

void SovereignProgram::change(World& world, const Context& ctx, int sign) const {
  const int r = *ctx.scenario.region_index(region);
  const double k = sign > 0 ? release_rate_multiplier : 1.0 / release_rate_multiplier;
  for (const auto& name : champions) {
    const int pub = *ctx.scenario.named_publisher_index(name);
    for (NamedFamilyState& nf : world.named_families) {
      if (nf.named_publisher != pub) continue;
      lever::scale_family_rate(nf, k, ctx);
      nf.quality_log += sign * quality_gain;
    }
  }
  lever::ensure_size(world.policy.extra_home_bias, ctx.scenario.regions.size(), 0.0);
  world.policy.extra_home_bias[size_t(r)] += sign * domestic_preference;
}

void SovereignProgram::apply(World& world, const Context& ctx) const {
  change(world, ctx, +1);
}

void SovereignProgram::end(World& world, const Context& ctx) const {
  change(world, ctx, -1);
}

}  // namespace hubsim
