#include "mechanisms/growth.h"

#include <algorithm>
#include <cmath>

#include "mechanisms/releases.h"

namespace hubsim {

namespace {

// Splits n arrivals over categories with the given weights (multinomial by sequential binomials).
std::vector<int64_t> split(int64_t n, const std::vector<double>& weights, Stream& rng) {
  std::vector<int64_t> out(weights.size(), 0);
  double remaining_weight = 0;
  for (double w : weights) remaining_weight += w;
  for (size_t i = 0; i < weights.size() && n > 0; ++i) {
    const double p = remaining_weight > 0 ? std::min(1.0, weights[i] / remaining_weight) : 0.0;
    const int64_t k = i + 1 == weights.size() ? n : rng.binomial(n, p);
    out[i] = k;
    n -= k;
    remaining_weight -= weights[i];
  }
  return out;
}

double lognormal_unit_mean(double sd, Stream& rng) {
  return std::exp(sd * rng.normal() - 0.5 * sd * sd);
}

int32_t exit_step_after(const Context& ctx, double mean_years, Stream& rng) {
  const double steps = mean_years * ctx.steps_per_year() * rng.exponential();
  const double exit = double(ctx.step) + std::max(1.0, std::ceil(steps));
  return exit > 2e9 ? int32_t(2000000000) : int32_t(exit);
}

}  // namespace

double creator_rate_log_growth(const Parameters& p, double years) {
  const double g = p.creators_rate_growth_per_year;
  const double c = p.creators_rate_growth_change_per_year;
  const double t = std::max(0.0, years);
  // The rate g + c*t never falls below min(g, 0): a slowing growth stops at zero (tooling does
  // not make later creators less busy), and a change cannot deepen a decline g < 0.
  const double floor = std::min(g, 0.0);
  const double bend = c < 0 ? std::min(t, (floor - g) / c) : t;
  const double log_growth = g * bend + 0.5 * c * bend * bend + floor * (t - bend);
  // Past e^40 (10^17 times the start's rate) a hub has exploded anyway; keep the rate finite.
  return std::min(log_growth, 40.0);
}

void grow_users(World& world, const Context& ctx) {
  const Parameters& p = ctx.params;
  if (!p.mechanisms.growth) return;
  const double y = ctx.years();
  const double rate = p.users_growth_per_year + p.users_growth_change_per_year * y;
  const double growth = std::exp(rate / ctx.steps_per_year()) - 1.0;
  if (growth <= 0.0) return;
  Stream rng = ctx.stream(Purpose::kUserGrowth, 0);
  const int64_t arrivals = rng.poisson(double(world.users.total()) * growth);
  std::vector<double> region_weights;
  for (const auto& r : ctx.scenario.regions) region_weights.push_back(r.user_share);
  const std::vector<int64_t> by_region = split(arrivals, region_weights, rng);
  for (size_t r = 0; r < by_region.size(); ++r) {
    const std::vector<int64_t> by_tier = split(by_region[r], world.new_user_tier_share, rng);
    for (size_t h = 0; h < by_tier.size(); ++h) world.users.at(int(r), int(h)) += by_tier[h];
  }
}

void upgrade_hardware(World& world, const Context& ctx) {
  const double q = ctx.probability_per_step(ctx.params.users_tier_upgrade_per_year *
                                            world.policy.tier_upgrade_multiplier);
  if (q <= 0.0) return;
  Stream rng = ctx.stream(Purpose::kUserGrowth, 1);
  UserPopulation& users = world.users;
  for (int r = 0; r < users.regions; ++r) {
    // Top tier first so that a user moves at most one tier per step.
    for (int h = users.tiers - 2; h >= 0; --h) {
      const int64_t moving = rng.binomial(users.at(r, h), q);
      users.at(r, h) -= moving;
      users.at(r, h + 1) += moving;
    }
  }
  // Arriving users' hardware improves the same way.
  auto& share = world.new_user_tier_share;
  for (size_t h = share.size() - 1; h-- > 0;) {
    const double moving = share[h] * q;
    share[h] -= moving;
    share[h + 1] += moving;
  }
}

double public_research_shift(const Parameters& p, PublisherType type) {
  const bool public_research = type == PublisherType::kAcademic ||
                               type == PublisherType::kNonprofit ||
                               type == PublisherType::kGovernment;
  return public_research ? p.quality_public_research_log : 0.0;
}

int32_t add_generated_publisher(World& world, const Context& ctx, PublisherType type, int region,
                                bool quantizer, Stream& rng) {
  const Parameters& p = ctx.params;
  const PublisherTypeSpec& spec = ctx.scenario.publisher_types[size_t(type)];
  const bool independent = type == PublisherType::kIndependent;
  NewPublisher np;
  np.type = type;
  np.region = uint8_t(region);
  np.flags = quantizer ? kQuantizer : 0;
  const size_t group = size_t(type) * ctx.scenario.regions.size() + size_t(region);
  const auto& continuous = world.policy.group_continuous_share;
  const double continuous_share =
      continuous.empty() || continuous[group] < 0 ? spec.continuous_share : continuous[group];
  np.strategy =
      rng.uniform() < continuous_share ? ReleaseStrategy::kContinuous : ReleaseStrategy::kOneShot;
  np.entry_step = ctx.step;
  const double mean_life = independent ? p.creators_mean_lifetime_years : spec.mean_lifetime_years;
  np.exit_step = exit_step_after(ctx, mean_life, rng);
  const double activity = lognormal_unit_mean(spec.rate_sd_log, rng);
  if (independent) {
    // A creator's upload rate is set when they start; tooling makes newer creators busier.
    const double uploads = ctx.per_step(p.creators_uploads_per_year) *
                           std::exp(creator_rate_log_growth(p, ctx.years())) *
                           lognormal_unit_mean(p.creators_rate_sd_log, rng);
    np.base_rate = uploads * p.creators_base_share;
    np.derivative_rate = uploads * (1.0 - p.creators_base_share);
  } else {
    np.base_rate = ctx.per_step(spec.base_releases_per_year) * activity;
    np.derivative_rate = ctx.per_step(spec.derivatives_per_year) * activity;
  }
  np.quality_log =
      float(spec.quality_log_mean + public_research_shift(p, type) + 0.5 * rng.normal());
  np.size_log10 =
      float(spec.size_log10_mean + p.sizes_log10_growth_per_year * std::max(0.0, ctx.years()) +
            0.3 * rng.normal());
  np.size_log10_sd = float(spec.size_log10_sd);
  const double group_openness =
      world.policy.group_openness.empty() ? -1.0 : world.policy.group_openness[group];
  np.openness = float(group_openness >= 0 ? group_openness : spec.openness);
  const int32_t id = world.publishers.add(np);
  if (!world.policy.group_rate_multiplier.empty()) {
    world.publishers.rate_multiplier[size_t(id)] = float(world.policy.group_rate_multiplier[group]);
    world.publishers.refresh_rates(size_t(id), ctx.step);
  }
  if (np.exit_step < int32_t(world.exits_by_step.size()))
    world.exits_by_step[size_t(std::max(0, np.exit_step))].push_back(id);
  ++world.active_publishers[size_t(type)];
  return id;
}

void add_creators(World& world, const Context& ctx) {
  const Parameters& p = ctx.params;
  if (!p.mechanisms.growth) return;
  const double q = ctx.probability_per_step(p.creators_propensity_per_year);
  if (q <= 0.0) return;
  Stream rng = ctx.stream(Purpose::kCreatorEntry, 0);
  for (size_t r = 0; r < ctx.scenario.regions.size(); ++r) {
    const auto& policy = world.policy.creator_propensity_multiplier;
    const double propensity = std::min(
        1.0, q * ctx.scenario.regions[r].creator_propensity * (policy.empty() ? 1.0 : policy[r]));
    const int64_t n = rng.binomial(world.users.in_region(int(r)), propensity);
    for (int64_t i = 0; i < n; ++i) {
      const bool quantizer = rng.uniform() < p.creators_quantizer_share;
      add_generated_publisher(world, ctx, PublisherType::kIndependent, int(r), quantizer, rng);
    }
  }
}

void add_organisations(World& world, const Context& ctx) {
  if (!ctx.params.mechanisms.growth) return;
  Stream rng = ctx.stream(Purpose::kPublisherEntry, 0);
  for (int t = 0; t < kPublisherTypeCount; ++t) {
    const auto type = PublisherType(t);
    if (type == PublisherType::kIndependent) continue;  // independents come from users
    const PublisherTypeSpec& spec = ctx.scenario.publisher_types[size_t(t)];
    const double expected = ctx.per_step(spec.entry_per_year) * ctx.scale *
                            std::exp(spec.entry_growth_per_year * ctx.years());
    const int64_t n = rng.poisson(expected);
    for (int64_t i = 0; i < n; ++i) {
      const int region = draw_index(spec.region_share, rng);
      add_generated_publisher(world, ctx, type, region, false, rng);
    }
  }
}

void retire_publishers(World& world, const Context& ctx) {
  if (ctx.step < 0 || size_t(ctx.step) >= world.exits_by_step.size()) return;
  for (int32_t id : world.exits_by_step[size_t(ctx.step)]) {
    world.publishers.refresh_rates(size_t(id), ctx.step);
    --world.active_publishers[world.publishers.type[size_t(id)]];
  }
  std::vector<int32_t>().swap(world.exits_by_step[size_t(ctx.step)]);
}

}  // namespace hubsim
