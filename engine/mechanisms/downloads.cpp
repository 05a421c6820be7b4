#include "mechanisms/downloads.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <span>

#include "core/parallel_blocks.h"
#include "core/poisson_batch.h"
#include "mechanisms/derivation.h"

namespace hubsim {

void DownloadTotals::reset(int regions, int tasks) {
  for (int s = 0; s < 2; ++s) {
    by_region[s].assign(size_t(regions), 0);
    by_type[s].assign(size_t(kPublisherTypeCount), 0);
    by_kind[s].assign(size_t(kModelKindCount), 0);
    by_task[s].assign(size_t(tasks), 0);
    by_origin[s].assign(size_t(regions), 0);
  }
  params_sum = 0;
}

void DownloadTotals::add_folded(
    const CellLayout& layout, const std::vector<uint64_t> (&by_cell)[2],
    const std::array<uint64_t, kPublisherTypeCount * kModelKindCount> (&by_type_kind)[2]) {
  for (int side = 0; side < 2; ++side) {
    for (int c = 0; c < layout.cells(); ++c) {
      const uint64_t d = by_cell[side][size_t(c)];
      if (d == 0) continue;
      by_region[side][size_t(layout.region_of(c))] += d;
      by_origin[side][size_t(layout.origin_of(c))] += d;
      by_task[side][size_t(layout.task_of(c))] += d;
    }
    for (int type = 0; type < kPublisherTypeCount; ++type)
      for (int kind = 0; kind < kModelKindCount; ++kind) {
        const uint64_t d = by_type_kind[side][size_t(type * kModelKindCount + kind)];
        by_type[side][size_t(type)] += d;
        by_kind[side][size_t(kind)] += d;
      }
  }
}

void AttentionSums::reset(const CellLayout& layout) {
  attention.assign(size_t(layout.cells()), 0.0);
  popularity.assign(size_t(layout.region_pairs()), 0.0);
}

DownloadPassSettings DownloadPassSettings::from(const Context& ctx) {
  const Parameters& p = ctx.params;
  DownloadPassSettings s;
  s.weeks_per_step = ctx.calendar.weeks_per_step();
  s.fresh_decay =
      p.mechanisms.attention_decay ? std::exp(-s.weeks_per_step / p.attention_mean_weeks) : 1.0;
  s.residual = p.attention_residual;
  s.renewal = p.mechanisms.continuous_updates ? p.attention_family_renewal : 0.0;
  s.popularity_rate = std::min(1.0, s.weeks_per_step / p.demand_popularity_memory_weeks);
  s.cumulative_advantage = p.mechanisms.cumulative_advantage;
  s.window_steps = std::max(1, int(std::lround(26.0 / s.weeks_per_step)));
  // The last steps of the year whose midpoints lie within 30 days of its end.
  const int year = ctx.calendar.year_of_step(ctx.step);
  const int64_t year_end = days_from_civil({year + 1, 1, 1});
  s.last_30_days = ctx.calendar.step_mid_day(ctx.step) >= year_end - 30;
  return s;
}

namespace {

constexpr size_t kChunk = 256;  // models whose means are computed, then drawn, together

}  // namespace

void DownloadPass::run(World& world, const Context& ctx, const DemandAllocation& allocation,
                       AttentionSums& sums, ParentSampler& sampler, DownloadTotals& totals) {
  ModelTable& models = world.models;
  FamilyTable& families = world.families;
  const CellLayout& layout = world.layout;
  const size_t n = models.size();
  const size_t blocks = block_count(n);
  if (partials_.size() < blocks) partials_.resize(blocks);
  const DownloadPassSettings s = DownloadPassSettings::from(ctx);
  const ParentWeightRule parent_weight = ParentWeightRule::from(ctx);
  const int step = ctx.step;
  const uint32_t stream_step = uint32_t(step + Context::kStepOffset);
  const double inv_scale = 1.0 / ctx.scale;
  sampler.reset(n, kBlockSize);
  uint64_t* quantize_prefix = sampler.prefix(ParentSampler::kQuantize);
  uint64_t* derive_prefix = sampler.prefix(ParentSampler::kDerive);
  // A table instead of an integer division per model-step.
  pair_by_cell_.resize(size_t(layout.cells()));
  for (int c = 0; c < layout.cells(); ++c) pair_by_cell_[size_t(c)] = layout.pair_of(c);
  const int* pair_by_cell = pair_by_cell_.data();
  const DownloadMeanInputs mean_inputs{s.residual, s.cumulative_advantage,
                                       allocation.human_rate.data(), allocation.auto_rate.data(),
                                       pair_by_cell};
  // Per-family facts of this step as bitmaps: the models' lookups stay in cache.
  renewing_.assign(families.size());
  in_retention_.assign(families.size());
  for (size_t f = 0; f < families.size(); ++f) {
    if (families.renew_step[f] == step) renewing_.set(f);
    const int family_age = step - families.first_release_step[f];
    if (family_age >= 0 && family_age < 2 * s.window_steps) in_retention_.set(f);
  }
  const AttentionUpdateInputs update_inputs{s.fresh_decay,     s.residual, float(s.renewal),
                                            s.popularity_rate, inv_scale,  renewing_.words.data()};

  for_each_block(n, [&](size_t b, size_t begin, size_t end) {
    BlockPartial& part = partials_[b];
    part.next.reset(layout);
    part.totals.reset(layout.regions, layout.tasks);
    // Downloads counted per cell (region, origin, size bin, task) and per publisher type x kind:
    // two increments per model instead of five, folded into the totals at the end of the block.
    std::vector<uint64_t> by_cell[2] = {std::vector<uint64_t>(size_t(layout.cells()), 0),
                                        std::vector<uint64_t>(size_t(layout.cells()), 0)};
    std::array<uint64_t, kPublisherTypeCount * kModelKindCount> by_type_kind[2] = {};
    uint64_t quantize_running = 0, derive_running = 0;
    std::array<double, kChunk> means, weighted_attention, weighted_popularity;
    std::array<int64_t, kChunk> drawn;
    for (size_t chunk = begin; chunk < end; chunk += kChunk) {
      const size_t count = std::min(kChunk, end - chunk);
      download_means(models, chunk, count, mean_inputs, means.data());
      poisson_draws(ctx.key, Purpose::kDownloads, uint32_t(chunk), stream_step,
                    std::span(means).first(count), drawn.data());
      update_attention(models, chunk, count, drawn.data(), update_inputs, weighted_attention.data(),
                       weighted_popularity.data());
      for (size_t m = chunk; m < chunk + count; ++m) {
        const auto d = uint64_t(drawn[m - chunk]);
        const int age = step - models.release_step[m];
        const int cell = models.cell[m];
        const bool one = models.represents_one(m);
        if (d > 0) {
          models.downloads_total[m] += d;
          models.downloads_year[m] += d;
          if (s.last_30_days) {
            uint32_t& recent = models.downloads_last_30_days[m];
            recent = uint32_t(std::min<uint64_t>(uint64_t(recent) + d, UINT32_MAX));
          }
          if (age < s.window_steps) {
            models.window_downloads[m] += double(d);
            models.window_age_sum[m] += double(d) * (age + 0.5) * s.weeks_per_step;
          }
          const int side = one ? 0 : 1;
          by_cell[side][size_t(cell)] += d;
          by_type_kind[side][size_t(models.publisher_type[m]) * kModelKindCount + models.kind[m]] +=
              d;
          part.totals.params_sum += (one ? 1.0 : inv_scale) * double(d) * double(models.params[m]);
          // Family retention: downloads in the first two 26-week windows of the family.
          const auto fam = size_t(models.family[m]);
          if (in_retention_.test(fam)) {
            const int family_age = step - families.first_release_step[fam];
            uint64_t& slot = family_age < s.window_steps
                                 ? (one ? families.early_one[fam] : families.early_many[fam])
                                 : (one ? families.late_one[fam] : families.late_many[fam]);
            std::atomic_ref<uint64_t>(slot).fetch_add(d, std::memory_order_relaxed);
          }
        }
        part.next.attention[size_t(cell)] += weighted_attention[m - chunk];
        part.next.popularity[size_t(pair_by_cell[cell])] +=
            s.cumulative_advantage ? weighted_popularity[m - chunk] : weighted_attention[m - chunk];
        const ParentWeights w = parent_weight(models, m, d, age);
        quantize_running += w.quantize;
        derive_running += w.derive;
        quantize_prefix[m] = quantize_running;
        derive_prefix[m] = derive_running;
      }
    }
    part.totals.add_folded(layout, by_cell, by_type_kind);
  });

  // Combine the blocks in order: identical sums for any thread count.
  sums.reset(layout);
  totals.reset(layout.regions, layout.tasks);
  for (size_t b = 0; b < blocks; ++b) {
    const BlockPartial& part = partials_[b];
    for (size_t c = 0; c < sums.attention.size(); ++c) sums.attention[c] += part.next.attention[c];
    for (size_t c = 0; c < sums.popularity.size(); ++c)
      sums.popularity[c] += part.next.popularity[c];
    for (int side = 0; side < 2; ++side) {
      auto add = [](std::vector<uint64_t>& to, const std::vector<uint64_t>& from) {
        for (size_t i = 0; i < to.size(); ++i) to[i] += from[i];
      };
      add(totals.by_region[side], part.totals.by_region[side]);
      add(totals.by_type[side], part.totals.by_type[side]);
      add(totals.by_kind[side], part.totals.by_kind[side]);
      add(totals.by_task[side], part.totals.by_task[side]);
      add(totals.by_origin[side], part.totals.by_origin[side]);
    }
    totals.params_sum += part.totals.params_sum;
  }
  sampler.finish_blocks();
}

}  // namespace hubsim
