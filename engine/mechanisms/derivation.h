#pragma once
// Derivation: creators (independents and organisations) fine-tune, quantize, adapt and merge
// existing models. The number of derivatives follows the creators' rates; each creator picks a
// kind by specialty and a parent in proportion to last week's downloads (cumulative advantage),
// openness of the license, size (fine-tuning big models costs more) and, for quantizers,
// freshness: quantizers react within days of a release.
#include <cstdint>

#include "mechanisms/context.h"
#include "mechanisms/parent_sampler.h"
#include "world/world.h"

namespace hubsim {

// Integer parent weights of model m given its downloads this step (see ParentSampler).
struct ParentWeights {
  uint64_t quantize = 0;
  uint64_t derive = 0;
};

// Per-step constants of the parent weights.
struct ParentWeightRule {
  double scale = 1;  // simulation scale: a named model weighs as much as 1/scale generated ones
  double fresh_rate = 0;  // 1 / freshness horizon, per step
  double fresh_boost = 1;
  double size_cost_exponent = 0;
  bool popularity = true;  // cumulative advantage on: weights follow downloads

  static ParentWeightRule from(const Context& ctx);
  ParentWeights operator()(const ModelTable& models, size_t m, uint64_t downloads,
                           int age_steps) const;
};

ModelKind choose_derivative_kind(const Parameters& p, bool quantizer, Stream& rng);

void create_derivatives(World& world, const Context& ctx, const ParentSampler& sampler);

// Adds one derivative of kind `kind` of model `parent` by publisher `creator` at ctx.step.
int32_t add_derivative(World& world, const Context& ctx, size_t creator, size_t parent,
                       ModelKind kind, Stream& rng);

}  // namespace hubsim
