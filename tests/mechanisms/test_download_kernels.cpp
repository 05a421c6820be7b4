#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "core/avx2_support.h"
#include "core/counter_rng.h"
#include "mechanisms/download_kernels.h"
#include "mechanisms/downloads.h"

using namespace hubsim;

namespace {

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

// The columns the kernels read, with values spread over many magnitudes, zeros, models standing
// for one and for many, and families renewing or not.
ModelTable random_models(size_t n, int cells, int families) {
  Stream rng(StreamKey::derive(21, 0), Purpose::kDownloads, 0, 0);
  ModelTable t;
  for (size_t m = 0; m < n; ++m) {
    t.cell.push_back(uint16_t(rng.below(uint32_t(cells))));
    t.appeal.push_back(rng.below(8) == 0 ? 0.0f : float(std::exp(8.0 * rng.normal())));
    t.fresh.push_back(rng.below(4) == 0 ? 0.0f : float(rng.uniform()));
    t.popularity.push_back(rng.below(5) == 0 ? 0.0f : float(std::exp(6.0 * rng.normal())));
    t.flags.push_back(rng.below(3) == 0 ? kRepresentsOne : 0);
    t.family.push_back(int32_t(rng.below(uint32_t(families))));
  }
  return t;
}

// The download pass's per-model arithmetic as written before the kernels existed, the reference
// the kernels must equal bit for bit.
double reference_mean(const ModelTable& t, size_t m, const DownloadMeanInputs& in) {
  const int cell = t.cell[m];
  const double attention = model_attention(t, m, in.residual);
  const double pull = in.cumulative_advantage ? double(t.popularity[m]) : attention;
  return attention * in.human_rate[size_t(cell)] +
         pull * in.auto_rate[size_t(in.pair_by_cell[cell])];
}

void reference_update(ModelTable& t, size_t m, int64_t drawn, const AttentionUpdateInputs& in,
                      bool renews, double& weighted_attention, double& weighted_popularity) {
  const auto d = uint64_t(drawn);
  const double weight = t.represents_one(m) ? 1.0 : in.inv_scale;
  float& pop = t.popularity[m];
  pop += float(in.popularity_rate * (double(d) - double(pop)));
  float fresh = float(t.fresh[m] * in.fresh_decay);
  if (renews) fresh = std::max(fresh, float(in.renewal));
  t.fresh[m] = fresh;
  weighted_attention = weight * model_attention(t, m, in.residual);
  weighted_popularity = weight * double(pop);
}

}  // namespace

TEST_CASE("the download kernels' AVX2 copies equal the baseline ones bit for bit", "[downloads]") {
  const int cells = 40, pairs = 5, families = 300;
  const size_t n = 1000;
  Stream rng(StreamKey::derive(21, 1), Purpose::kDownloads, 0, 0);
  std::vector<double> human(cells), automatic(pairs);
  std::vector<int> pair_by_cell(cells);
  for (int c = 0; c < cells; ++c) {
    human[size_t(c)] = std::exp(4.0 * rng.normal());
    pair_by_cell[size_t(c)] = c % pairs;
  }
  for (double& a : automatic) a = std::exp(4.0 * rng.normal());
  FamilyBits renewing;
  renewing.assign(families);
  for (int f = 0; f < families; f += 7) renewing.set(size_t(f));
  std::vector<int64_t> drawn(n);
  for (auto& d : drawn) d = rng.below(3) == 0 ? 0 : int64_t(std::exp(10.0 * rng.uniform()));

  for (bool cumulative : {true, false}) {
    const DownloadMeanInputs mean_in{0.02, cumulative, human.data(), automatic.data(),
                                     pair_by_cell.data()};
    const AttentionUpdateInputs update_in{0.85, 0.02, 0.6f, 0.3, 10.0, renewing.words.data()};
    // Runs of every length around the vector widths, from offsets that are not aligned.
    for (size_t begin : {size_t(0), size_t(3), size_t(17)}) {
      for (size_t count : {size_t(1), size_t(3), size_t(4), size_t(7), size_t(8), size_t(9),
                           size_t(255), size_t(256), n - 17}) {
        INFO("cumulative " << cumulative << ", models " << begin << " + " << count);
        ModelTable a = random_models(n, cells, families), b = a;
        std::vector<double> means_a(count), means_b(count);
        download_means(a, begin, count, mean_in, means_a.data());
        download_means_baseline(b, begin, count, mean_in, means_b.data());
        CHECK(same_bits(means_a, means_b));
        std::vector<double> att_a(count), att_b(count), pop_a(count), pop_b(count);
        update_attention(a, begin, count, drawn.data(), update_in, att_a.data(), pop_a.data());
        update_attention_baseline(b, begin, count, drawn.data(), update_in, att_b.data(),
                                  pop_b.data());
        CHECK(same_bits(att_a, att_b));
        CHECK(same_bits(pop_a, pop_b));
        CHECK(same_bits(a.popularity, b.popularity));
        CHECK(same_bits(a.fresh, b.fresh));
        // Both equal the pass's former per-model arithmetic, exactly.
        ModelTable r = random_models(n, cells, families);
        bool all_equal = true;
        for (size_t i = 0; i < count; ++i) {
          const size_t m = begin + i;
          const double mean = reference_mean(r, m, mean_in);
          double att = 0, pop = 0;
          reference_update(r, m, drawn[i], update_in, renewing.test(size_t(r.family[m])), att, pop);
          all_equal = all_equal && mean == means_b[i] && att == att_b[i] && pop == pop_b[i];
        }
        CHECK(all_equal);
        CHECK(same_bits(r.popularity, b.popularity));
        CHECK(same_bits(r.fresh, b.fresh));
      }
    }
  }
#ifdef HUBSIM_HAVE_AVX2_PATH
  if (!cpu_has_avx2()) WARN("no AVX2 here: the baseline kernels were compared with themselves");
#else
  WARN("no AVX2 path in this build: the baseline kernels were compared with themselves");
#endif
}

TEST_CASE("the update kernel follows the pass's rules for one model", "[downloads]") {
  ModelTable t;
  t.cell = {0, 0};
  t.appeal = {2.0f, 3.0f};
  t.fresh = {0.5f, 0.1f};
  t.popularity = {4.0f, 0.0f};
  t.flags = {kRepresentsOne, 0};
  t.family = {0, 33};  // family 33 renews: bit 1 of word 1
  FamilyBits renewing;
  renewing.assign(40);
  renewing.set(33);
  const int64_t drawn[2] = {10, 0};
  const AttentionUpdateInputs in{0.5, 0.1, 0.8f, 0.25, 10.0, renewing.words.data()};
  double att[2], pop[2];
  update_attention(t, 0, 2, drawn, in, att, pop);
  CHECK(t.popularity[0] == Approx(4.0 + 0.25 * (10 - 4)));  // moves a quarter of the way
  CHECK(t.popularity[1] == 0.0f);
  CHECK(t.fresh[0] == Approx(0.25));                  // decays
  CHECK(t.fresh[1] == Approx(0.8));                   // renewed: max(0.05, 0.8)
  CHECK(att[0] == Approx(2.0 * (0.25 + 0.1)));        // stands for one model
  CHECK(att[1] == Approx(10.0 * 3.0 * (0.8 + 0.1)));  // stands for 1/scale = 10
  CHECK(pop[0] == Approx(5.5));
  CHECK(pop[1] == 0.0);
}
