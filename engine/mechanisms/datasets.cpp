#include "mechanisms/datasets.h"

#include <algorithm>
#include <cmath>

#include "mechanisms/growing_weight.h"
#include "mechanisms/releases.h"

namespace hubsim {

std::vector<double> dataset_category_weights(const Context& ctx) {
  std::vector<double> w;
  for (const auto& c : ctx.scenario.dataset_categories)
    w.push_back(
        growing_weight(ctx, c.share, c.growth_per_year, c.surge_from, c.surge_growth_per_year));
  return w;
}

void publish_datasets(World& world, const Context& ctx) {
  const Parameters& p = ctx.params;
  if (!p.mechanisms.growth) return;
  int64_t organisations = 0;
  for (int t = 0; t < kPublisherTypeCount; ++t)
    if (PublisherType(t) != PublisherType::kIndependent)
      organisations += world.active_publishers[size_t(t)];
  const double from_users =
      ctx.per_step(p.datasets_per_user_per_year) * double(world.users.total());
  const double from_orgs = ctx.per_step(p.datasets_per_org_per_year) * double(organisations);
  Stream rng = ctx.stream(Purpose::kDatasets, 0);
  const int64_t n = rng.poisson(from_users + from_orgs);
  if (n == 0) return;
  const std::vector<double> weights = dataset_category_weights(ctx);
  const double org_share = from_orgs / (from_users + from_orgs);
  for (int64_t i = 0; i < n; ++i) {
    const auto category = uint16_t(draw_index(weights, rng));
    int32_t publisher = -1;
    if (rng.uniform() < org_share) {
      const size_t pub = world.publishers.base_tree.find(rng.uniform());
      if (pub < world.publishers.size()) publisher = int32_t(pub);
    }
    world.datasets.add(category, publisher, ctx.step);
  }
}

}  // namespace hubsim
