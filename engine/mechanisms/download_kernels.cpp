#include "mechanisms/download_kernels.h"

#include <algorithm>

#include "core/avx2_support.h"

// Tells GCC the update loop has no dependence between iterations (the arrays are distinct), so
// it vectorises without a run-time overlap check. Not given to clang: its equivalent turns a
// loop it cannot vectorise (as in the sanitizer build) into a warning, an error under -Werror.
#if defined(__GNUC__) && !defined(__clang__)
#define HUBSIM_NO_LOOP_DEPENDENCE _Pragma("GCC ivdep")
#else
#define HUBSIM_NO_LOOP_DEPENDENCE
#endif

namespace hubsim {

namespace {

// The loop bodies, inlined into a baseline and an AVX2 copy. Same expressions as
// model_attention (downloads.h): appeal x (fresh + residual), in double.
[[gnu::always_inline]] inline void means_body(const ModelTable& models, size_t begin, size_t count,
                                              const DownloadMeanInputs& in, double* means) {
  const uint16_t* cell = models.cell.data() + begin;
  const float* appeal = models.appeal.data() + begin;
  const float* fresh = models.fresh.data() + begin;
  const float* popularity = models.popularity.data() + begin;
  // Locals, so the compiler sees they do not change within the loop.
  const double residual = in.residual;
  const bool cumulative = in.cumulative_advantage;
  const double* human_rate = in.human_rate;
  const double* auto_rate = in.auto_rate;
  const int* pair_by_cell = in.pair_by_cell;
  for (size_t i = 0; i < count; ++i) {
    const double attention = double(appeal[i]) * (double(fresh[i]) + residual);
    const double pull = cumulative ? double(popularity[i]) : attention;
    means[i] = attention * human_rate[cell[i]] + pull * auto_rate[pair_by_cell[cell[i]]];
  }
}

[[gnu::always_inline]] inline void update_body(ModelTable& models, size_t begin, size_t count,
                                               const int64_t* __restrict drawn,
                                               const AttentionUpdateInputs& in,
                                               double* __restrict weighted_attention,
                                               double* __restrict weighted_popularity) {
  float* __restrict popularity = models.popularity.data() + begin;
  float* __restrict fresh = models.fresh.data() + begin;
  const float* __restrict appeal = models.appeal.data() + begin;
  const uint8_t* __restrict flags = models.flags.data() + begin;
  const int32_t* __restrict family = models.family.data() + begin;
  const uint32_t* __restrict renewing = in.renewing;
  const double rate = in.popularity_rate, decay = in.fresh_decay, residual = in.residual;
  const double inv_scale = in.inv_scale;
  const float renewal = in.renewal;
  // The draws as doubles first, in the output array: a loop converting int64 to double does not
  // vectorise without AVX-512, and would keep the main loop scalar.
  for (size_t i = 0; i < count; ++i) weighted_popularity[i] = double(drawn[i]);
  HUBSIM_NO_LOOP_DEPENDENCE
  for (size_t i = 0; i < count; ++i) {
    float pop = popularity[i];
    pop += float(rate * (weighted_popularity[i] - double(pop)));
    popularity[i] = pop;
    const float decayed = float(fresh[i] * decay);
    const float renewed = decayed < renewal ? renewal : decayed;  // std::max(decayed, renewal)
    const uint32_t fam = uint32_t(family[i]);
    const float f = (renewing[fam >> 5] >> (fam & 31)) & 1u ? renewed : decayed;
    fresh[i] = f;
    const double weight = (flags[i] & kRepresentsOne) ? 1.0 : inv_scale;
    const double attention = double(appeal[i]) * (double(f) + residual);
    weighted_attention[i] = weight * attention;
    weighted_popularity[i] = weight * double(pop);
  }
}

#ifdef HUBSIM_HAVE_AVX2_PATH
__attribute__((target("avx2"))) void means_avx2(const ModelTable& models, size_t begin,
                                                size_t count, const DownloadMeanInputs& in,
                                                double* means) {
  means_body(models, begin, count, in, means);
}

__attribute__((target("avx2"))) void update_avx2(ModelTable& models, size_t begin, size_t count,
                                                 const int64_t* drawn,
                                                 const AttentionUpdateInputs& in,
                                                 double* weighted_attention,
                                                 double* weighted_popularity) {
  update_body(models, begin, count, drawn, in, weighted_attention, weighted_popularity);
}
#endif

}  // namespace

void download_means(const ModelTable& models, size_t begin, size_t count,
                    const DownloadMeanInputs& in, double* means) {
#ifdef HUBSIM_HAVE_AVX2_PATH
  if (cpu_has_avx2()) return means_avx2(models, begin, count, in, means);
#endif
  means_body(models, begin, count, in, means);
}

void update_attention(ModelTable& models, size_t begin, size_t count, const int64_t* drawn,
                      const AttentionUpdateInputs& in, double* weighted_attention,
                      double* weighted_popularity) {
#ifdef HUBSIM_HAVE_AVX2_PATH
  if (cpu_has_avx2())
    return update_avx2(models, begin, count, drawn, in, weighted_attention, weighted_popularity);
#endif
  update_body(models, begin, count, drawn, in, weighted_attention, weighted_popularity);
}

void download_means_baseline(const ModelTable& models, size_t begin, size_t count,
                             const DownloadMeanInputs& in, double* means) {
  means_body(models, begin, count, in, means);
}

void update_attention_baseline(ModelTable& models, size_t begin, size_t count, const int64_t* drawn,
                               const AttentionUpdateInputs& in, double* weighted_attention,
                               double* weighted_popularity) {
  update_body(models, begin, count, drawn, in, weighted_attention, weighted_popularity);
}

}  // namespace hubsim
