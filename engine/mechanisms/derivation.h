#pragma once
// Derivation: creators (independents and organisations) fine-tune, quantize, adapt and merge
// existing models. The number of derivatives follows the creators' rates; each creator picks a
// kind by specialty and a parent in proportion to last week's downloads (cumulative advantage),
// openness of the license, size (fine-tuning big models costs more) and, for quantizers,
// freshness: quantizers react within days of a release.
#include <cstdint>
#include <vector>

#include "mechanisms/context.h"
#include "mechanisms/parent_sampler.h"
#include "world/world.h"

namespace hubsim {

// Integer parent weights of model m given its downloads this step (see ParentSampler).
struct ParentWeights {
  uint64_t quantize = 0;
  uint64_t derive = 0;
};

// Completes a new model before it is added (every code path that adds a model calls this): how
// many real models it stands for, and the static parts of its weight as a parent (license
// openness, the cost of fine-tuning its size, whether quantizing it pays, whether its kind can
// be a parent).
void finish_new_model(NewModel& m, const Context& ctx);

// Crowding of a derivative that stands for `weight` real derivatives of a parent that already
// has `before` real derivatives: the mean of k^-exponent over the real derivatives numbered
// before+1 .. before+weight (continuous approximation), so the result does not depend on the
// simulation scale.
double crowding_factor(double before, double weight, double exponent);

// The dynamic part: last step's downloads (cumulative advantage) and, for quantizers, the
// model's freshness. Built once per step.
class ParentWeightRule {
 public:
  static ParentWeightRule from(const Context& ctx);
  ParentWeights operator()(const ModelTable& models, size_t m, uint64_t downloads,
                           int age_steps) const {
    const double use = popularity_ ? double(downloads) : 1.0;
    if (use <= 0.0 || models.derive_factor[m] <= 0.0f) return {};
    const double fresh =
        size_t(age_steps) < fresh_by_age_.size() ? fresh_by_age_[size_t(age_steps)] : stale_;
    return {uint64_t(use * models.quantize_factor[m] * fresh),
            uint64_t(use * models.derive_factor[m])};
  }

 private:
  bool popularity_ = true;            // cumulative advantage on: weights follow downloads
  std::vector<double> fresh_by_age_;  // quantizers' preference by age in steps
  double stale_ = 1;
};

// Expected appeal of a new derivative of `kind` relative to its parent, `years` after the start
// of the window: the kind's factor times exp(quality.derivative_gain_per_year * years). It stops
// where the derivative's expected appeal reaches its parent's (or the factor, if that is already
// above 1), so neither a forecast with a gain nor the initial history with a loss (years < 0)
// can make derivatives ever more appealing than their bases. The factors are tied to the
// scenario's start date (2020-06-01 in every scenario of this repository).
double derivative_appeal_factor(const Parameters& p, ModelKind kind, double years);

ModelKind choose_derivative_kind(const Parameters& p, bool quantizer, Stream& rng);

void create_derivatives(World& world, const Context& ctx, const ParentSampler& sampler);

// Adds one derivative of kind `kind` of model `parent` by publisher `creator` at ctx.step.
int32_t add_derivative(World& world, const Context& ctx, size_t creator, size_t parent,
                       ModelKind kind, Stream& rng);

}  // namespace hubsim
