#include "mechanisms/derivation.h"

#include <algorithm>
#include <cmath>

#include "mechanisms/release_activity.h"
#include "mechanisms/releases.h"

namespace hubsim {

void finish_new_model(NewModel& m, const Context& ctx) {
  // Integer weights keep 10 bits below one download of a 1/scale model.
  constexpr double kResolution = 1024.0;
  m.represents = m.represents_one ? 1.0f : float(1.0 / ctx.scale);
  if (m.kind == ModelKind::kQuantized || m.kind == ModelKind::kAdapter) {
    m.derive_factor = m.quantize_factor = 0.0f;
    return;
  }
  const Parameters& p = ctx.params;
  // Generated models stand for 1/scale models each: a named model counts `scale` times less.
  const double represented = m.represents_one ? ctx.scale : 1.0;
  const double base = represented * m.license * kResolution;
  const double billions = double(m.params) / 1e9;
  const double size_cost =
      billions > 1.0 ? std::pow(billions, -p.derivation_size_cost_exponent) : 1.0;
  // Quantizing pays for models of a billion parameters and more.
  const double quantize_worth = std::min(1.0, billions);
  m.derive_factor = float(base * size_cost);
  m.quantize_factor = float(base * quantize_worth);
}

double crowding_factor(double before, double weight, double exponent) {
  const double a = before + 0.5, b = before + weight + 0.5;
  if (exponent == 0.0) return 1.0;
  if (std::fabs(exponent - 1.0) < 1e-12) return std::log(b / a) / weight;
  return (std::pow(b, 1.0 - exponent) - std::pow(a, 1.0 - exponent)) / ((1.0 - exponent) * weight);
}

ParentWeightRule ParentWeightRule::from(const Context& ctx) {
  const Parameters& p = ctx.params;
  ParentWeightRule r;
  r.popularity_ = p.mechanisms.cumulative_advantage;
  const double rate = ctx.calendar.weeks_per_step() / p.derivation_quantize_fresh_weeks;
  const double boost = p.derivation_quantize_fresh_boost;
  r.stale_ = 1.0 / boost;
  // Beyond 40 freshness horizons the preference equals the stale level to 1e-17.
  const int horizon = int(std::ceil(40.0 / rate));
  for (int age = 0; age <= horizon; ++age)
    r.fresh_by_age_.push_back((1.0 + (boost - 1.0) * std::exp(-age * rate)) / boost);
  return r;
}

ModelKind choose_derivative_kind(const Parameters& p, bool quantizer, Stream& rng) {
  const double u = rng.uniform();
  if (quantizer) return u < 0.9 ? ModelKind::kQuantized : ModelKind::kFinetune;
  if (u < p.derivation_finetune_share) return ModelKind::kFinetune;
  if (u < p.derivation_finetune_share + p.derivation_adapter_share) return ModelKind::kAdapter;
  if (u < p.derivation_finetune_share + p.derivation_adapter_share + p.derivation_merge_share)
    return ModelKind::kMerge;
  return ModelKind::kQuantized;
}

namespace {

double kind_factor(const Parameters& p, ModelKind kind) {
  switch (kind) {
    case ModelKind::kFinetune: return p.quality_finetune_factor;
    case ModelKind::kQuantized: return p.quality_quantized_factor;
    case ModelKind::kAdapter: return p.quality_adapter_factor;
    case ModelKind::kMerge: return p.quality_merge_factor;
    case ModelKind::kBase: return 1.0;
  }
  return 1.0;
}

// Draws a parent; creators prefer parents developed in their own region (rejection step).
// `region_accept` (null when no restriction is in force): the creator region's acceptance
// factors of parents by developer region (see PolicyState::parent_acceptance).
int32_t draw_parent(const ModelTable& models, const ParentSampler& sampler,
                    ParentSampler::Pool pool, uint8_t creator_region, double home_preference,
                    const double* region_accept, Stream& rng) {
  int32_t candidate = -1;
  for (int attempt = 0; attempt < 64; ++attempt) {
    candidate = sampler.pick(pool, rng.uniform());
    if (candidate < 0) return -1;
    double accept =
        models.region[size_t(candidate)] == creator_region ? 1.0 : 1.0 / (1.0 + home_preference);
    if (region_accept) accept *= region_accept[models.region[size_t(candidate)]];
    if (rng.uniform() < accept) return candidate;
  }
  return candidate;  // acceptance >= 1/(1+preference): reaching here is vanishingly rare
}

}  // namespace

double derivative_appeal_factor(const Parameters& p, ModelKind kind, double years) {
  const double factor = kind_factor(p, kind);
  if (kind == ModelKind::kBase) return factor;
  const double gained = factor * std::exp(p.quality_derivative_gain_per_year * years);
  return std::min(gained, std::max(factor, 1.0));
}

int32_t add_derivative(World& world, const Context& ctx, size_t creator, size_t par, ModelKind kind,
                       Stream& rng) {
  const Parameters& p = ctx.params;
  const PublisherTable& pubs = world.publishers;
  ModelTable& models = world.models;
  const auto parent_kind = ModelKind(models.kind[par]);
  const double spread = p.quality_derivative_sd_log;
  NewModel m;
  m.parent = int32_t(par);
  m.family = models.family[par];
  m.publisher = int32_t(creator);
  m.publisher_type = PublisherType(pubs.type[creator]);
  m.kind = kind;
  m.region = pubs.region[creator];
  m.origin = models.origin[par];
  m.task = models.task[par];
  m.params = models.params[par];
  m.footprint_gib = float(footprint_gib(
      p, m.params, kind == ModelKind::kQuantized ? ModelKind::kQuantized : parent_kind));
  m.represents_one = pubs.is_named(creator);
  // Mean-preserving lognormal spread around the kind's expected share of the parent's appeal,
  // crowded by the derivatives the parent already has.
  const double crowding =
      crowding_factor(models.children[par], m.represents_one ? 1.0 : 1.0 / ctx.scale,
                      p.derivation_crowding_exponent);
  m.appeal = float(models.appeal[par] * derivative_appeal_factor(p, kind, ctx.years()) * crowding *
                   std::exp(spread * rng.normal() - 0.5 * spread * spread));
  const auto& group_quality = world.policy.group_quality_log;  // e.g. public compute
  if (!group_quality.empty())
    m.appeal *= float(
        std::exp(group_quality[size_t(pubs.type[creator] * world.layout.regions + m.region)]));
  m.license = models.license[par];
  m.release_step = ctx.step;
  finish_new_model(m, ctx);
  return models.add(m, world.layout);
}

void create_derivatives(World& world, const Context& ctx, const ParentSampler& sampler) {
  const Parameters& p = ctx.params;
  if (!p.mechanisms.derivation) return;
  const PublisherTable& pubs = world.publishers;
  Stream rng = ctx.stream(Purpose::kDerivations, 0);
  const int64_t n = rng.poisson(pubs.derivative_tree.total() * release_activity_factor(ctx));
  const double home_preference = p.mechanisms.home_bias ? p.derivation_home_preference : 0.0;
  const auto& region_accept = world.policy.parent_acceptance;  // set by restrictions
  const size_t R = size_t(world.layout.regions);
  for (int64_t i = 0; i < n; ++i) {
    const size_t creator = pubs.derivative_tree.find(rng.uniform());
    if (creator >= pubs.size()) break;
    const ModelKind kind = choose_derivative_kind(p, pubs.flags[creator] & kQuantizer, rng);
    const auto pool =
        kind == ModelKind::kQuantized ? ParentSampler::kQuantize : ParentSampler::kDerive;
    const double* accept =
        region_accept.empty() ? nullptr : &region_accept[pubs.region[creator] * R];
    const int32_t parent = draw_parent(world.models, sampler, pool, pubs.region[creator],
                                       home_preference, accept, rng);
    if (parent < 0) continue;
    add_derivative(world, ctx, creator, size_t(parent), kind, rng);
  }
}

}  // namespace hubsim
