#include "mechanisms/demand.h"

#include "mechanisms/growing_weight.h"

#include <algorithm>
#include <cmath>

namespace hubsim {

double restriction_factor(const World& world, int r, int g, int o) {
  const auto& restriction = world.policy.restriction;
  if (restriction.empty()) return 1.0;
  const int regions = world.layout.regions;
  double factor = 1.0;
  // Models developed in a restricted region are avoided by compliant users; re-uploads of such
  // models by developers elsewhere are caught only as far as lineage is detected.
  factor *= 1.0 - restriction[size_t(r * regions + g)];
  if (o != g)
    factor *= 1.0 - restriction[size_t(r * regions + o)] *
                        world.policy.lineage_detection[size_t(r * regions + o)];
  return factor;
}

double regional_preference(const World& world, const Context& ctx, int r, int g, int o) {
  double pref = 1.0;
  if (ctx.params.mechanisms.home_bias && r == g) {
    pref += ctx.scenario.regions[size_t(r)].home_bias;
    if (!world.policy.extra_home_bias.empty()) pref += world.policy.extra_home_bias[size_t(r)];
  }
  return pref * restriction_factor(world, r, g, o);
}

double hardware_fit(const World& world, const Context& ctx, int h, int b) {
  if (!ctx.params.mechanisms.size_economics) return 1.0;
  const double memory =
      ctx.scenario.tiers[size_t(h)].memory_gb * world.policy.tier_memory_multiplier;
  // A bin is runnable when its geometric centre fits in the tier's memory. Even a user who can
  // run a model prefers a smaller one: running cost grows with memory (above 1 GiB).
  const double centre = std::ldexp(1.0, b - 4) * std::sqrt(2.0);
  const double running_cost =
      centre > 1.0 ? std::pow(centre, -ctx.params.demand_size_cost_exponent) : 1.0;
  return running_cost * (centre <= memory ? 1.0 : ctx.params.demand_beyond_hardware);
}

std::vector<double> task_demand_shares(const Context& ctx) {
  std::vector<double> w;
  double total = 0;
  for (const auto& t : ctx.scenario.tasks) {
    w.push_back(growing_weight(ctx, t.demand_share, t.demand_growth_per_year, t.surge_from,
                               t.surge_growth_per_year));
    total += w.back();
  }
  for (double& x : w) x = total > 0 ? x / total : 0.0;
  return w;
}

double downloads_per_user(const Context& ctx) {
  const Parameters& p = ctx.params;
  return p.demand_downloads_per_user_week * ctx.calendar.weeks_per_step() *
         std::exp(p.demand_downloads_growth_per_year * ctx.years());
}

DemandAllocation allocate_demand(const World& world, const Context& ctx,
                                 const std::vector<double>& attention,
                                 const std::vector<double>& popularity) {
  const CellLayout& L = world.layout;
  const int R = L.regions, T = L.tasks, H = world.users.tiers, B = kSizeBins;
  DemandAllocation out;
  out.human_rate.assign(size_t(L.cells()), 0.0);
  out.auto_rate.assign(size_t(L.region_pairs()), 0.0);
  out.flow.assign(size_t(R * R), 0.0);
  out.origin_flow.assign(size_t(R * R), 0.0);

  const std::vector<double> task_share = task_demand_shares(ctx);
  const double per_user = downloads_per_user(ctx);
  std::vector<double> pref(size_t(R * R * R));  // [r][g][o]
  for (int r = 0; r < R; ++r)
    for (int g = 0; g < R; ++g)
      for (int o = 0; o < R; ++o)
        pref[size_t((r * R + g) * R + o)] = regional_preference(world, ctx, r, g, o);
  std::vector<double> fit(size_t(H * B));
  for (int h = 0; h < H; ++h)
    for (int b = 0; b < B; ++b) fit[size_t(h * B + b)] = hardware_fit(world, ctx, h, b);

  // Human demand: class (r, h) spends D * share_k on task k over the cells it can see, in
  // proportion to pref(r, pair) * fit(h, b) * attention(pair, b, k). The sum over bins,
  // seen_fit(pair, h), does not depend on r, and the rate of a cell sums over classes as
  // class_weight(pair, h) * fit(h, b), so a step costs O(R^2 (R + B) H) per task, not
  // O(R^3 B H).
  std::vector<double> seen_fit(size_t(R * R * H));      // [pair][h]
  std::vector<double> class_weight(size_t(R * R * H));  // [pair][h]: sum_r pref * demand / weight
  for (int k = 0; k < T; ++k) {
    for (int pair = 0; pair < R * R; ++pair)
      for (int h = 0; h < H; ++h) {
        double s = 0.0;
        for (int b = 0; b < B; ++b)
          s += fit[size_t(h * B + b)] * attention[size_t(L.encode(pair / R, pair % R, b, k))];
        seen_fit[size_t(pair * H + h)] = s;
      }
    std::fill(class_weight.begin(), class_weight.end(), 0.0);
    for (int r = 0; r < R; ++r) {
      for (int h = 0; h < H; ++h) {
        const double demand =
            double(world.users.at(r, h)) / ctx.scale * per_user * task_share[size_t(k)];
        if (demand <= 0.0) continue;
        double weight = 0.0;
        for (int pair = 0; pair < R * R; ++pair) {
          const double pr = pref[size_t(r * R * R + pair)];
          if (pr > 0.0) weight += pr * seen_fit[size_t(pair * H + h)];
        }
        if (weight <= 0.0) continue;  // nothing this class can use for this task
        out.human_total += demand;
        const double per_weight = demand / weight;
        for (int pair = 0; pair < R * R; ++pair) {
          const double pr = pref[size_t(r * R * R + pair)] * per_weight;
          if (pr <= 0.0) continue;
          class_weight[size_t(pair * H + h)] += pr;
          const double to_pair = pr * seen_fit[size_t(pair * H + h)];
          out.flow[size_t(r * R + pair / R)] += to_pair;
          out.origin_flow[size_t(r * R + pair % R)] += to_pair;
        }
      }
    }
    for (int pair = 0; pair < R * R; ++pair)
      for (int b = 0; b < B; ++b) {
        double rate = 0.0;
        for (int h = 0; h < H; ++h)
          rate += class_weight[size_t(pair * H + h)] * fit[size_t(h * B + b)];
        out.human_rate[size_t(L.encode(pair / R, pair % R, b, k))] = rate;
      }
  }

  // Automated demand: a fixed share of all downloads, placed by region like the users and
  // spread over models in proportion to popularity (restrictions apply, home bias does not).
  const double share = ctx.params.demand_automated_share;
  if (share > 0.0 && out.human_total > 0.0) {
    const double auto_demand = out.human_total * share / (1.0 - share);
    const double users_total = double(world.users.total());
    for (int r = 0; r < R; ++r) {
      const double demand = auto_demand * double(world.users.in_region(r)) / users_total;
      double weight = 0.0;
      for (int pair = 0; pair < R * R; ++pair)
        weight += restriction_factor(world, r, pair / R, pair % R) * popularity[size_t(pair)];
      if (demand <= 0.0 || weight <= 0.0) continue;
      out.auto_total += demand;
      for (int pair = 0; pair < R * R; ++pair) {
        const double rate = demand / weight * restriction_factor(world, r, pair / R, pair % R);
        out.auto_rate[size_t(pair)] += rate;
        out.flow[size_t(r * R + pair / R)] += rate * popularity[size_t(pair)];
        out.origin_flow[size_t(r * R + pair % R)] += rate * popularity[size_t(pair)];
      }
    }
  }
  return out;
}

}  // namespace hubsim
