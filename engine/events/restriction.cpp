#include "events/restriction.h"

#include <algorithm>

#include "events/lever_support.h"
#include "scenario/table_reader.h"

namespace hubsim {

Schema Restriction::schema() {
  Schema s;
  s.title = "[[events]] type = \"restriction\"";
  s.description =
      "Region `region` (R) restricts models developed in `restricted_region` (S). A share "
      "`compliance` of R's users and pipelines stops downloading S-developed models and the "
      "same share of R's creators stops deriving from them. Re-uploads of S models by creators "
      "elsewhere carry the creator's region: R's compliant users avoid them only with "
      "probability `lineage_detection`, and creators outside R and S favour S models as "
      "parents in proportion to the demand left unmet (R's share of all users x compliance x "
      "(1 - lineage_detection) x `reupload_response`). A later restriction of the same pair "
      "replaces an earlier one; `until` lifts it.";
  s.fields = common_event_fields();
  s.fields.push_back(string_field("region", true, "Region R that restricts."));
  s.fields.push_back(
      string_field("restricted_region", true, "Region S whose developers' models are restricted."));
  s.fields.push_back(number_field("compliance", 0.8, 0, 1, "share",
                                  "Share of R's users, pipelines and creators who comply."));
  s.fields.push_back(number_field("lineage_detection", 0.0, 0, 1, "share",
                                  "Share of re-uploads (models developed outside S whose lineage "
                                  "starts with an S model) that the restriction also catches."));
  s.fields.push_back(number_field("reupload_response", 1.0, 0, 100, "x",
                                  "How strongly creators outside R and S re-upload S models to "
                                  "serve R's unmet demand (0 = not at all; 1 = they weigh it like "
                                  "the demand they already see)."));
  s.fields.push_back(
      date_field("until", false, "Last day the restriction applies (default: never lifted)."));
  return s;
}

std::unique_ptr<Event> Restriction::read(TableReader& r, std::string id, Date date,
                                         EventSource source) {
  auto e = std::make_unique<Restriction>(std::move(id), date, std::move(source));
  e->region = r.string("region");
  e->restricted_region = r.string("restricted_region");
  if (e->restricted_region == e->region)
    r.fail("restricted_region", "\"" + e->restricted_region + "\"", "a region other than `region`");
  e->compliance = r.number("compliance");
  e->lineage_detection = r.number("lineage_detection");
  e->reupload_response = r.number("reupload_response");
  e->until_date = lever::read_until(r, date);
  return e;
}

void Restriction::check(const Scenario& scenario) const {
  if (auto problem = lever::region_problem(scenario, region))
    fail("region", "\"" + region + "\"", *problem);
  if (auto problem = lever::region_problem(scenario, restricted_region))
    fail("restricted_region", "\"" + restricted_region + "\"", *problem);
}

void refresh_parent_acceptance(World& world) {
  const PolicyState& policy = world.policy;
  const size_t R = size_t(world.layout.regions);
  const double all_users = double(world.users.total());
  std::vector<double> weight(R * R, 1.0);  // [creator region][parent's developer region]
  for (size_t r = 0; r < R; ++r) {
    const double user_share =
        all_users > 0 ? double(world.users.in_region(int(r))) / all_users : 0.0;
    for (size_t g = 0; g < R; ++g) {
      const double c = policy.restriction[r * R + g];
      if (c <= 0.0) continue;
      const double unmet = user_share * c * (1.0 - policy.lineage_detection[r * R + g]);
      for (size_t creator = 0; creator < R; ++creator) {
        if (creator == r)
          weight[creator * R + g] *= 1.0 - c;
        else if (creator != g)
          weight[creator * R + g] *= 1.0 + policy.reupload_response[r * R + g] * unmet;
      }
    }
  }
  // Acceptance factors: each creator region's weights relative to its largest.
  for (size_t creator = 0; creator < R; ++creator) {
    const auto row = weight.begin() + std::ptrdiff_t(creator * R);
    const double top = *std::max_element(row, row + std::ptrdiff_t(R));
    for (size_t g = 0; g < R; ++g)
      row[std::ptrdiff_t(g)] = top > 0 ? row[std::ptrdiff_t(g)] / top : 1.0;
  }
  world.policy.parent_acceptance = std::move(weight);
}

void Restriction::apply(World& world, const Context& ctx) const {
  const size_t R = ctx.scenario.regions.size();
  PolicyState& policy = world.policy;
  lever::ensure_size(policy.restriction, R * R, 0.0);
  lever::ensure_size(policy.lineage_detection, R * R, 0.0);
  lever::ensure_size(policy.reupload_response, R * R, 0.0);
  const size_t pair = size_t(*ctx.scenario.region_index(region)) * R +
                      size_t(*ctx.scenario.region_index(restricted_region));
  policy.restriction[pair] = compliance;
  policy.lineage_detection[pair] = lineage_detection;
  policy.reupload_response[pair] = reupload_response;
  refresh_parent_acceptance(world);
}

void Restriction::end(World& world, const Context& ctx) const {
  const size_t R = ctx.scenario.regions.size();
  const size_t pair = size_t(*ctx.scenario.region_index(region)) * R +
                      size_t(*ctx.scenario.region_index(restricted_region));
  world.policy.restriction[pair] = 0.0;
  refresh_parent_acceptance(world);
}

}  // namespace hubsim
