#pragma once
// Demand and its allocation to demand cells. Users of region r and hardware tier h make
// downloads; they split them over tasks, then over models in proportion to each model's
// attention times their home bias for its developer region, any restriction in force, and
// whether their hardware runs its size. Automated pipelines pull models in proportion to
// recent popularity. The result is a download rate per unit of attention for every cell, so
// the per-model pass costs O(1) per model.
#include <vector>

#include "mechanisms/context.h"
#include "world/world.h"

namespace hubsim {

struct DemandAllocation {
  std::vector<double> human_rate;   // per cell: expected downloads per unit of attention
  std::vector<double> auto_rate;    // per (developer, origin) pair: per unit of popularity
  std::vector<double> flow;         // [user region * R + developer region]: expected downloads
  std::vector<double> origin_flow;  // [user region * R + lineage origin region]: the same
  double human_total = 0;           // full-scale downloads demanded this step
  double auto_total = 0;
};

// Preference of users of region r for models developed in region g, times the restriction
// factor for models of developer g and lineage origin o.
double regional_preference(const World& world, const Context& ctx, int r, int g, int o);
double restriction_factor(const World& world, int r, int g, int o);
// Weight of footprint bin b for tier h: the beyond-hardware weight when the tier cannot run it,
// times a running-cost preference for smaller models (size_economics off: 1).
double hardware_fit(const World& world, const Context& ctx, int h, int b);
std::vector<double> task_demand_shares(const Context& ctx);
double downloads_per_user(const Context& ctx);

// attention: weighted attention sum per cell; popularity: weighted popularity per region pair.
DemandAllocation allocate_demand(const World& world, const Context& ctx,
                                 const std::vector<double>& attention,
                                 const std::vector<double>& popularity);

}  // namespace hubsim
