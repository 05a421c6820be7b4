#pragma once
// Base-model releases: named families on their schedules, generated publishers drawn in
// proportion to their release rates, and the batch release (a family spans sizes) that both
// and the landmark-release event use.
#include <cstdint>
#include <vector>

#include "core/counter_rng.h"
#include "mechanisms/context.h"
#include "world/world.h"

namespace hubsim {

struct BatchRequest {
  int32_t publisher = -1;
  int32_t family = -1;
  std::vector<double> params;  // one base model per parameter count
  double quality_log = 0;
  int task = 0;
  float license = 1;
  int official_quantized = 0;  // own quantized variants per base model
  // Repositories per size (checkpoints, instruct and long-context versions): they split the
  // size's appeal equally, so more of them spread its demand instead of adding to it.
  int variants_per_size = 1;
};

// Releases the batch at ctx.step: base models (and official quantizations), family
// bookkeeping (versions, renewal of a continuous family's attention). Returns the new ids.
std::vector<int32_t> release_batch(World& world, const Context& ctx, const BatchRequest& request,
                                   Stream& rng);

// Scheduled releases of the named families due at ctx.step.
void release_named_families(World& world, const Context& ctx);
// The release of named family i (index into world.named_families) if it is due at ctx.step.
void release_named_family(World& world, const Context& ctx, size_t i);

// Base releases of generated publishers and independents during ctx.step.
void release_generated_base_models(World& world, const Context& ctx);

// One release (a batch of sizes in its family) by generated publisher `pub`; returns the first
// new model's id.
int32_t release_from_publisher(World& world, const Context& ctx, size_t pub,
                               const std::vector<double>& task_weights, Stream& rng);

// Log-appeal gain of a family's next version after `versions` releases: each successive version
// of a continuously updated family is a little better, up to 8 versions.
double version_gain(const Parameters& p, int versions);

// Memory footprint (GiB) of a model of `params` parameters of the given kind.
double footprint_gib(const Parameters& p, double params, ModelKind kind);

// Picks `count` distinct sizes out of `sizes` (all of them when count >= sizes.size()).
std::vector<double> pick_sizes(const std::vector<double>& sizes, int count, Stream& rng);

// The sizes of a named family that a release at `step` may include (its spec's sizes_from).
std::vector<double> available_sizes(const FamilySpec& spec, const NamedFamilyState& nf, int step);

// Index drawn from unnormalised weights (weights sum > 0).
int draw_index(const std::vector<double>& weights, Stream& rng);

// Weights of the tasks for generated base releases at the current step.
std::vector<double> task_release_weights(const Context& ctx);

}  // namespace hubsim
