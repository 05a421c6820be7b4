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

void AttentionSums::reset(const CellLayout& layout) {
  attention.assign(size_t(layout.cells()), 0.0);
  popularity.assign(size_t(layout.region_pairs()), 0.0);
}

DownloadPassSettings DownloadPassSettings::from(const Context& ctx) {
  const Parameters& p = ctx.params;
  DownloadPassSettings s;
  s.weeks_per_step = ctx.calendar.weeks_per_step();
  s.fresh_decay = p.mechanisms.attention_decay ? std::exp(-s.weeks_per_step / p.attention_mean_weeks) : 1.0;
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

  for_each_block(n, [&](size_t b, size_t begin, size_t end) {
    BlockPartial& part = partials_[b];
    part.next.reset(layout);
    part.totals.reset(layout.regions, layout.tasks);
    uint64_t quantize_running = 0, derive_running = 0;
    std::array<double, kChunk> means;
    std::array<int64_t, kChunk> drawn;
    for (size_t chunk = begin; chunk < end; chunk += kChunk) {
      const size_t count = std::min(kChunk, end - chunk);
      for (size_t i = 0; i < count; ++i) {
        const size_t m = chunk + i;
        const int cell = models.cell[m];
        const double attention = model_attention(models, m, s.residual);
        const double pull = s.cumulative_advantage ? double(models.popularity[m]) : attention;
        means[i] = attention * allocation.human_rate[size_t(cell)] +
                   pull * allocation.auto_rate[size_t(pair_by_cell[cell])];
      }
      poisson_draws(ctx.key, Purpose::kDownloads, uint32_t(chunk), stream_step,
                    std::span(means).first(count), drawn.data());
      for (size_t m = chunk; m < chunk + count; ++m) {
        const auto d = uint64_t(drawn[m - chunk]);
        const int age = step - models.release_step[m];
        const int cell = models.cell[m];
        const int pair = pair_by_cell[cell];
        const bool one = models.represents_one(m);
        const double weight = one ? 1.0 : inv_scale;
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
          part.totals.by_region[side][models.region[m]] += d;
          part.totals.by_type[side][models.publisher_type[m]] += d;
          part.totals.by_kind[side][models.kind[m]] += d;
          part.totals.by_task[side][models.task[m]] += d;
          part.totals.by_origin[side][models.origin[m]] += d;
          part.totals.params_sum += weight * double(d) * double(models.params[m]);
          // Family retention: downloads in the first two 26-week windows of the family.
          const auto fam = size_t(models.family[m]);
          const int family_age = step - families.first_release_step[fam];
          if (family_age >= 0 && family_age < 2 * s.window_steps) {
            uint64_t& slot = family_age < s.window_steps
                                 ? (one ? families.early_one[fam] : families.early_many[fam])
                                 : (one ? families.late_one[fam] : families.late_many[fam]);
            std::atomic_ref<uint64_t>(slot).fetch_add(d, std::memory_order_relaxed);
          }
        }
        // Popularity follows downloads; fresh attention decays (renewed by a family successor).
        float& pop = models.popularity[m];
        pop += float(s.popularity_rate * (double(d) - double(pop)));
        float fresh = float(models.fresh[m] * s.fresh_decay);
        if (families.renew_step[size_t(models.family[m])] == step)
          fresh = std::max(fresh, float(s.renewal));
        models.fresh[m] = fresh;
        part.next.attention[size_t(cell)] += weight * model_attention(models, m, s.residual);
        part.next.popularity[size_t(pair)] +=
            weight *
            (s.cumulative_advantage ? double(pop) : model_attention(models, m, s.residual));
        const ParentWeights w = parent_weight(models, m, d, age);
        quantize_running += w.quantize;
        derive_running += w.derive;
        quantize_prefix[m] = quantize_running;
        derive_prefix[m] = derive_running;
      }
    }
  });

  // Combine the blocks in order: identical sums for any thread count.
  sums.reset(layout);
  totals.reset(layout.regions, layout.tasks);
  for (size_t b = 0; b < blocks; ++b) {
    const BlockPartial& part = partials_[b];
    for (size_t c = 0; c < sums.attention.size(); ++c) sums.attention[c] += part.next.attention[c];
    for (size_t c = 0; c < sums.popularity.size(); ++c) sums.popularity[c] += part.next.popularity[c];
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
