#pragma once
// The weekly download pass: every model draws its downloads (Poisson, from its own counter-based
// stream) given its attention and popularity and the step's allocation, updates its running
// totals and attention, and contributes to next step's attention sums, to this step's download
// totals and to the parent weights for derivation. Blocks of models run in parallel; their
// partial sums are combined in block order, so results do not depend on the thread count.
#include <array>
#include <cstdint>
#include <vector>

#include "mechanisms/context.h"
#include "mechanisms/demand.h"
#include "mechanisms/download_kernels.h"
#include "mechanisms/parent_sampler.h"
#include "world/world.h"

namespace hubsim {

// Downloads realised in one step. Exact integer sums, kept apart for models standing for one
// model (named publishers) and for 1/scale models (everything generated).
struct DownloadTotals {
  std::vector<uint64_t> by_region[2], by_type[2], by_kind[2], by_task[2], by_origin[2];
  double params_sum = 0;  // full-scale sum of downloads x parameter count

  void reset(int regions, int tasks);
  // Adds downloads counted per cell and per publisher type x kind (index type * kinds + kind),
  // for models standing for one [0] and for 1/scale [1], to the totals they fold into.
  void add_folded(
      const CellLayout& layout, const std::vector<uint64_t> (&by_cell)[2],
      const std::array<uint64_t, kPublisherTypeCount * kModelKindCount> (&by_type_kind)[2]);
  // Full-scale value of an exact pair of sums.
  static double combine(uint64_t one, uint64_t many, double scale) {
    return double(one) + double(many) / scale;
  }
};

// Attention and popularity summed per cell / region pair, weighted by how many real models
// each simulated model stands for. The pass leaves next step's sums here.
struct AttentionSums {
  std::vector<double> attention;   // per cell
  std::vector<double> popularity;  // per region pair
  void reset(const CellLayout& layout);
};

struct DownloadPassSettings {
  double fresh_decay = 1;      // fresh attention multiplier per step
  double residual = 0;         // attention a model keeps for ever
  double renewal = 0;          // fresh attention restored when its family renews
  double popularity_rate = 1;  // weight of this step's downloads in the popularity average
  bool cumulative_advantage = true;
  int window_steps = 0;       // engagement window, in steps
  bool last_30_days = false;  // the step lies in the last 30 days of its calendar year
  double weeks_per_step = 1;

  static DownloadPassSettings from(const Context& ctx);
};

// Attention of model m in the step it is evaluated (fresh part plus residual) times appeal.
inline double model_attention(const ModelTable& models, size_t m, double residual) {
  return double(models.appeal[m]) * (double(models.fresh[m]) + residual);
}

class DownloadPass {
 public:
  // Runs the pass for ctx.step. `sums` holds this step's attention sums on entry and next
  // step's on return. Parent weights for derivations in the next step go to `sampler`.
  void run(World& world, const Context& ctx, const DemandAllocation& allocation,
           AttentionSums& sums, ParentSampler& sampler, DownloadTotals& totals);

 private:
  struct BlockPartial {
    AttentionSums next;
    DownloadTotals totals;
  };
  std::vector<BlockPartial> partials_;
  std::vector<int> pair_by_cell_;  // CellLayout::pair_of of every cell
  FamilyBits renewing_;            // families renewing their models' attention this step
  FamilyBits in_retention_;        // families within their first two engagement windows
};

}  // namespace hubsim
