#pragma once
// The elementwise parts of the weekly download pass, over a run of consecutive models: their
// expected downloads, and the update of their attention and popularity after the draw. They are
// plain loops compiled twice (baseline x86-64 and AVX2, chosen at run time) with the same
// operations in the same order per model, so both copies give the same numbers bit for bit (a
// test compares them, and with the pass's former per-model code); the sums over models stay in
// the pass, in model order. GCC 12 vectorises the AVX2 copy of the update loop; the baseline
// copy and the means loop, whose rates are gathered by cell, stay scalar.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "world/world.h"

namespace hubsim {

struct DownloadMeanInputs {
  double residual = 0;  // attention a model keeps for ever
  bool cumulative_advantage = true;
  const double* human_rate = nullptr;  // per cell
  const double* auto_rate = nullptr;   // per region pair
  const int* pair_by_cell = nullptr;
};

// means[i]: expected downloads of model begin + i in this step.
void download_means(const ModelTable& models, size_t begin, size_t count,
                    const DownloadMeanInputs& in, double* means);

// One bit per family: bit f of word f / 32.
struct FamilyBits {
  std::vector<uint32_t> words;
  void assign(size_t families) { words.assign((families + 31) / 32, 0); }
  void set(size_t f) { words[f >> 5] |= uint32_t(1) << (f & 31); }
  bool test(size_t f) const { return (words[f >> 5] >> (f & 31)) & 1u; }
};

struct AttentionUpdateInputs {
  double fresh_decay = 1;  // fresh attention multiplier per step
  double residual = 0;
  float renewal = 0;           // fresh attention restored when the model's family renews
  double popularity_rate = 1;  // weight of this step's downloads in the popularity average
  double inv_scale = 1;        // weight of a model standing for 1/scale models
  // Families whose models' fresh attention is renewed this step: a bitmap, 32 times smaller than
  // the families' renewal steps, so the lookup for each model stays in cache.
  const uint32_t* renewing = nullptr;
};

// After the draws: moves each model's popularity toward its downloads `drawn[i]`, decays its
// fresh attention (renewed where its family renews this step) and writes its weighted attention
// and weighted popularity, the contributions to next step's sums.
void update_attention(ModelTable& models, size_t begin, size_t count, const int64_t* drawn,
                      const AttentionUpdateInputs& in, double* weighted_attention,
                      double* weighted_popularity);

// The same without the AVX2 copies (the reference of the tests).
void download_means_baseline(const ModelTable& models, size_t begin, size_t count,
                             const DownloadMeanInputs& in, double* means);
void update_attention_baseline(ModelTable& models, size_t begin, size_t count, const int64_t* drawn,
                               const AttentionUpdateInputs& in, double* weighted_attention,
                               double* weighted_popularity);

}  // namespace hubsim
