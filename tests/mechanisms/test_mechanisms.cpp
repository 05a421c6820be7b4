// Unit and directional tests of the mechanisms: growth, demand allocation, home bias, size
// economics, named families' sizes, derivation (kinds, parents, crowding), datasets and the
// parent sampler.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "mechanisms/demand.h"
#include "mechanisms/derivation.h"
#include "mechanisms/growth.h"
#include "mechanisms/parent_sampler.h"
#include "mechanisms/release_activity.h"
#include "mechanisms/releases.h"
#include "sim/initial_world.h"
#include "sim/simulation.h"
#include "support/paired_effects.h"
#include "support/test_scenarios.h"

using namespace hubsim;

namespace {
double stat(const ReplicationResult& r, const std::string& key) {
  for (const auto& s : r.stats)
    if (s.key == key) return s.value;
  FAIL("no statistic " << key);
  return 0;
}
}  // namespace

TEST_CASE("users grow at the configured rate", "[growth]") {
  const Scenario s =
      test::small_baseline(0.01, {2024, 12, 31}, {{"users.growth_change_per_year", 0.0}});
  const ReplicationResult r = run_replication(s, 0);
  const Series& users = r.series.get("n_users");
  const int last = r.series.n_steps() - 1;
  const double start = test::row_sum(users, 0), end = test::row_sum(users, last);
  const double years = s.calendar().years_since_start(last) - s.calendar().years_since_start(0);
  const double rate = std::log(end / start) / years;
  // Arrivals are Poisson around a growth of g per year on the current stock.
  CHECK(rate == Approx(s.params.users_growth_per_year).epsilon(0.02));
  // Growth off: the population stays at its initial size.
  const Scenario still = test::small_baseline(0.01, {2022, 12, 31}, {{"mechanisms.growth", 0}});
  const ReplicationResult f = run_replication(still, 0);
  CHECK(test::row_sum(f.series.get("n_users"), f.series.n_steps() - 1) ==
        test::row_sum(f.series.get("n_users"), 0));
}

TEST_CASE("creator upload rates grow, slow down and stop slowing at zero growth", "[growth]") {
  Parameters p;
  p.creators_rate_growth_per_year = 0.4;
  p.creators_rate_growth_change_per_year = 0.0;
  CHECK(creator_rate_log_growth(p, -1.0) == 0.0);
  CHECK(creator_rate_log_growth(p, 3.0) == Approx(1.2));
  p.creators_rate_growth_change_per_year = -0.1;  // the growth rate reaches zero after 4 years
  CHECK(creator_rate_log_growth(p, 2.0) == Approx(0.4 * 2 - 0.05 * 4));
  CHECK(creator_rate_log_growth(p, 4.0) == Approx(0.8));
  CHECK(creator_rate_log_growth(p, 9.0) == Approx(0.8));  // no decline after the peak
  p.creators_rate_growth_change_per_year = 0.1;
  CHECK(creator_rate_log_growth(p, 2.0) == Approx(0.8 + 0.2));
  p.creators_rate_growth_per_year = 0.0;  // no growth to slow: the rates stay as they are
  p.creators_rate_growth_change_per_year = -0.1;
  CHECK(creator_rate_log_growth(p, 5.0) == 0.0);
  p.creators_rate_growth_per_year = -0.2;  // a decline is not deepened by a negative change
  CHECK(creator_rate_log_growth(p, 5.0) == Approx(-1.0));
  p.creators_rate_growth_change_per_year = 0.1;  // but it is reversed by a positive one
  CHECK(creator_rate_log_growth(p, 3.0) == Approx(-0.6 + 0.45));
  p.creators_rate_growth_per_year = 3.0;  // an exploding growth stays finite
  p.creators_rate_growth_change_per_year = 2.0;
  CHECK(creator_rate_log_growth(p, 200.0) == 40.0);

  // In a run, a slowing growth leaves fewer models in the late years and the same early on.
  auto models = [](double change) {
    const Scenario s = test::small_baseline(
        0.004, {2025, 12, 31},
        {{"creators.rate_growth_per_year", 0.4}, {"creators.rate_growth_change_per_year", change}});
    const ReplicationResult r = run_replication(s, 0);
    return std::pair{stat(r, "models_total_2021"), stat(r, "models_total_2025")};
  };
  const auto steady = models(0.0), slowing = models(-0.15);
  CHECK(slowing.second < 0.8 * steady.second);
  CHECK(slowing.first == Approx(steady.first).epsilon(0.1));
}

TEST_CASE(
    "public research's quality level shifts generated academic, non-profit and government "
    "publishers only",
    "[growth]") {
  // The same initial world twice, on the same streams: only the shifted types' levels move,
  // each by exactly the shift.
  auto initial_publishers = [](double shift) {
    Scenario s =
        test::small_baseline(0.01, {2021, 6, 30}, {{"quality.public_research_log", shift}});
    const Calendar cal = s.calendar();
    const Context ctx{s, s.params, cal, StreamKey::derive(1, 0), s.info.scale, 0};
    AttentionSums sums;
    return build_initial_world(ctx, sums).publishers;
  };
  const PublisherTable base = initial_publishers(0.0), shifted = initial_publishers(1.5);
  REQUIRE(base.size() == shifted.size());
  int moved = 0;
  for (size_t i = 0; i < base.size(); ++i) {
    const auto type = PublisherType(base.type[i]);
    const bool research = !base.is_named(i) &&
                          (type == PublisherType::kAcademic || type == PublisherType::kNonprofit ||
                           type == PublisherType::kGovernment);
    INFO("publisher " << i << " of type " << kPublisherTypeNames[base.type[i]]);
    CHECK(shifted.quality_log[i] - base.quality_log[i] ==
          Approx(research ? 1.5 : 0.0).margin(1e-5));
    moved += research;
  }
  CHECK(moved >= 10);  // 10 academic publishers at scale 0.01, and the others
}

TEST_CASE("a higher public-research level raises its share of downloads", "[growth]") {
  // Directional, on common random numbers (2 replications each, scale 0.01 to 2025).
  auto shares = [](double shift) {
    const Scenario s =
        test::small_baseline(0.01, {2025, 12, 31}, {{"quality.public_research_log", shift}});
    double research = 0;
    for (int rep = 0; rep < 2; ++rep) {
      const ReplicationResult r = run_replication(s, rep);
      research += stat(r, "academic_download_share_2025") +
                  stat(r, "nonprofit_download_share_2025") +
                  stat(r, "government_download_share_2025");
    }
    return research / 2;
  };
  const double research0 = shares(0.0), research2 = shares(2.0);
  INFO("public research's share of 2025 downloads: " << research0 << " at 0, " << research2
                                                     << " at 2");
  // At the search optimum of the committed calibration (scale 0.1), raising the three types'
  // levels by 2 to 2.5 in logs took it from 0.105 to 0.30 (calibration/README.md, section 6); where
  // it comes from (industry or independents) depends on the other parameters, so only the direction
  // is checked here.
  CHECK(research2 > 1.5 * research0);
}

TEST_CASE("release activity is damped before the boom and full from it on", "[growth]") {
  Parameters p;
  p.releases_early_factor = 0.25;
  p.releases_boom_year = 2023.0;
  p.releases_boom_ramp_years = 0.5;
  CHECK(release_activity_factor(p, 2021.0) == 0.25);
  CHECK(release_activity_factor(p, 2022.5) == 0.25);
  CHECK(release_activity_factor(p, 2022.75) == Approx(0.5));  // halfway in log: sqrt(0.25)
  CHECK(release_activity_factor(p, 2023.0) == 1.0);
  CHECK(release_activity_factor(p, 2030.0) == 1.0);
  p.releases_boom_ramp_years = 0.0;  // a step
  CHECK(release_activity_factor(p, 2022.999) == 0.25);
  CHECK(release_activity_factor(p, 2023.0) == 1.0);
  p.releases_early_factor = 1.0;  // no boom
  CHECK(release_activity_factor(p, 2021.0) == 1.0);

  // In a run (common random numbers): before the boom generated publishers release a quarter as
  // many models; after it they release as many as without a boom (the publishers are the same).
  auto added = [](double early) {
    const Scenario s =
        test::small_mechanism_baseline(0.004, {2025, 12, 31}, {{"releases.early_factor", early}});
    const ReplicationResult r = run_replication(s, 0);
    return std::pair{stat(r, "models_total_2021") - stat(r, "models_total_2020"),
                     stat(r, "models_total_2025") - stat(r, "models_total_2024")};
  };
  const auto steady = added(1.0), boom = added(0.25);
  CHECK(boom.first == Approx(0.25 * steady.first).epsilon(0.2));
  CHECK(boom.second == Approx(steady.second).epsilon(0.1));
}

TEST_CASE("the demand allocation spends exactly the demand of every class", "[demand]") {
  // Build a world by running a short replication, then check allocate_demand on its state via
  // the conservation identity: sum over cells of attention * rate equals the human demand.
  Scenario s = test::small_baseline(0.005, {2021, 6, 30});
  const Calendar cal = s.calendar();
  World w;
  w.layout = CellLayout{int(s.regions.size()), int(s.tasks.size())};
  w.users.resize(int(s.regions.size()), int(s.tiers.size()));
  for (int r = 0; r < w.users.regions; ++r)
    for (int h = 0; h < w.users.tiers; ++h) w.users.at(r, h) = 1000 * (r + 1) + 10 * h;
  std::vector<double> attention(size_t(w.layout.cells()), 0.0),
      popularity(size_t(w.layout.region_pairs()), 0.0);
  for (size_t c = 0; c < attention.size(); c += 7) attention[c] = 1.0 + double(c % 13);
  for (size_t p = 0; p < popularity.size(); ++p) popularity[p] = 2.0 + double(p % 5);
  const Context ctx{s, s.params, cal, StreamKey::derive(1, 0), s.info.scale, 10};
  const DemandAllocation a = allocate_demand(w, ctx, attention, popularity);
  double spent = 0, auto_spent = 0, flow = 0;
  for (size_t c = 0; c < attention.size(); ++c) spent += attention[c] * a.human_rate[c];
  for (size_t p = 0; p < popularity.size(); ++p) auto_spent += popularity[p] * a.auto_rate[p];
  for (double f : a.flow) flow += f;
  CHECK(spent == Approx(a.human_total).epsilon(1e-12));
  CHECK(auto_spent == Approx(a.auto_total).epsilon(1e-12));
  CHECK(a.auto_total == Approx(a.human_total * s.params.demand_automated_share /
                               (1 - s.params.demand_automated_share))
                            .epsilon(1e-12));
  CHECK(flow == Approx(a.human_total + a.auto_total).epsilon(1e-12));
}

TEST_CASE("the demand allocation equals the per-class formula, cell by cell", "[demand]") {
  // Reference: class (r, h) spends demand(r, h, k) over the cells of task k in proportion to
  // pref(r, g, o) * fit(h, b) * attention, so a cell's rate is the sum over classes of
  // demand * pref * fit / weight(r, h, k). A restriction makes some preferences zero.
  Scenario s = test::small_baseline(0.005, {2021, 6, 30});
  const Calendar cal = s.calendar();
  World w;
  const CellLayout L{int(s.regions.size()), int(s.tasks.size())};
  w.layout = L;
  const int R = L.regions, T = L.tasks, H = int(s.tiers.size()), B = kSizeBins;
  w.users.resize(R, H);
  for (int r = 0; r < R; ++r)
    for (int h = 0; h < H; ++h) w.users.at(r, h) = 500 * (r + 2) + 37 * h * h;
  w.policy.tier_memory_multiplier = 1.0;
  w.policy.restriction.assign(size_t(R * R), 0.0);
  w.policy.lineage_detection.assign(size_t(R * R), 0.5);
  w.policy.restriction[size_t(1 * R + 2)] = 1.0;  // region 1 shuns models of region 2
  w.policy.restriction[size_t(3 * R + 0)] = 0.4;
  std::vector<double> attention(size_t(L.cells()), 0.0), popularity(size_t(L.region_pairs()), 1.0);
  for (size_t c = 0; c < attention.size(); c += 3) attention[c] = 0.5 + double(c % 11);
  s.params.demand_automated_share = 0.0;  // human demand only: the flows are then its own
  const Context ctx{s, s.params, cal, StreamKey::derive(1, 0), s.info.scale, 10};
  const DemandAllocation a = allocate_demand(w, ctx, attention, popularity);

  const std::vector<double> share = task_demand_shares(ctx);
  std::vector<double> rate(size_t(L.cells()), 0.0), flow(size_t(R * R), 0.0);
  for (int k = 0; k < T; ++k)
    for (int r = 0; r < R; ++r)
      for (int h = 0; h < H; ++h) {
        const double demand =
            double(w.users.at(r, h)) / ctx.scale * downloads_per_user(ctx) * share[size_t(k)];
        double weight = 0.0;
        for (int g = 0; g < R; ++g)
          for (int o = 0; o < R; ++o)
            for (int b = 0; b < B; ++b)
              weight += regional_preference(w, ctx, r, g, o) * hardware_fit(w, ctx, h, b) *
                        attention[size_t(L.encode(g, o, b, k))];
        if (weight <= 0.0) continue;
        for (int g = 0; g < R; ++g)
          for (int o = 0; o < R; ++o)
            for (int b = 0; b < B; ++b) {
              const double x = demand * regional_preference(w, ctx, r, g, o) *
                               hardware_fit(w, ctx, h, b) / weight;
              rate[size_t(L.encode(g, o, b, k))] += x;
              flow[size_t(r * R + g)] += x * attention[size_t(L.encode(g, o, b, k))];
            }
      }
  CHECK(regional_preference(w, ctx, 1, 2, 2) == 0.0);
  for (size_t c = 0; c < rate.size(); ++c) CHECK(a.human_rate[c] == Approx(rate[c]).epsilon(1e-12));
  for (size_t i = 0; i < flow.size(); ++i) CHECK(a.flow[i] == Approx(flow[i]).epsilon(1e-12));
}

TEST_CASE("home bias raises the share of domestic models in a region's downloads",
          "[demand][home_bias][slow]") {
  // Directional, on common random numbers: the same world with and without home bias.
  // Compares, within each run, CN users' share of CN models with the other users' share, so the
  // (large) run-to-run variation of CN models' overall popularity cancels out.
  auto cn_preference = [](bool bias) {
    Scenario s =
        test::small_baseline(0.01, {2025, 12, 31}, {{"mechanisms.home_bias", bias ? 1.0 : 0.0}});
    double ratio = 0;
    for (int rep = 0; rep < 2; ++rep) {
      const ReplicationResult r = run_replication(s, rep);
      const Series& f = r.series.get("new_downloads_by_user_region");
      const size_t R = s.regions.size(), cn = size_t(*s.region_index("CN"));
      double cn_to_cn = 0, cn_total = 0, other_to_cn = 0, other_total = 0;
      for (int t = 0; t < r.series.n_steps(); ++t)
        for (size_t u = 0; u < R; ++u)
          for (size_t g = 0; g < R; ++g) {
            const double x = f.row(t)[u * R + g];
            (u == cn ? cn_total : other_total) += x;
            if (g == cn) (u == cn ? cn_to_cn : other_to_cn) += x;
          }
      ratio += (cn_to_cn / cn_total) / (other_to_cn / other_total) / 2;
    }
    return ratio;
  };
  const double with_bias = cn_preference(true), without = cn_preference(false);
  // CN users weight CN models 2.5 times; pipelines (40% of downloads) have no home bias.
  CHECK(with_bias > 1.2);
  CHECK(without == Approx(1.0).margin(0.15));
}

TEST_CASE("hardware fit: small tiers see large models only beyond their hardware",
          "[demand][size_economics]") {
  Scenario s = test::small_baseline(0.005, {2021, 6, 30});
  World w;
  w.policy.tier_memory_multiplier = 1.0;
  const Calendar cal = s.calendar();
  const Context ctx{s, s.params, cal, StreamKey::derive(1, 0), 0.005, 0};
  const int tiny = footprint_bin(0.5), huge = footprint_bin(1000.0);
  s.params.demand_size_cost_exponent = 0.0;
  CHECK(hardware_fit(w, ctx, 0, tiny) == 1.0);
  CHECK(hardware_fit(w, ctx, 0, huge) == s.params.demand_beyond_hardware);
  CHECK(hardware_fit(w, ctx, int(s.tiers.size()) - 1, huge) == 1.0);
  // Running cost: among runnable models, a bin twice as large weighs 2^-exponent as much.
  s.params.demand_size_cost_exponent = 0.5;
  const int top = int(s.tiers.size()) - 1;
  CHECK(hardware_fit(w, ctx, top, huge) / hardware_fit(w, ctx, top, huge - 1) ==
        Approx(std::pow(2.0, -0.5)));
  CHECK(hardware_fit(w, ctx, top, tiny) == 1.0);  // below 1 GiB nothing is charged
  s.params.mechanisms.size_economics = false;
  const Context off{s, s.params, cal, StreamKey::derive(1, 0), 0.005, 0};
  CHECK(hardware_fit(w, off, 0, huge) == 1.0);
}

TEST_CASE("footprint bins double in size", "[size_economics]") {
  CHECK(footprint_bin(0.0) == 0);
  CHECK(footprint_bin(1.0) == 4);
  CHECK(footprint_bin(1.99) == 4);
  CHECK(footprint_bin(2.0) == 5);
  CHECK(footprint_bin(1e9) == kSizeBins - 1);
  CHECK(footprint_bin_upper_gib(4) == 2.0);
}

TEST_CASE("derivative kinds follow the configured shares within 5 standard errors",
          "[derivation][statistical]") {
  const Parameters p = test::baseline().params;
  Stream rng(StreamKey::derive(9, 0), Purpose::kDerivations, 0, 0);
  const int n = 200000;
  std::map<ModelKind, int> general, quantizer;
  for (int i = 0; i < n; ++i) ++general[choose_derivative_kind(p, false, rng)];
  for (int i = 0; i < n; ++i) ++quantizer[choose_derivative_kind(p, true, rng)];
  const double q =
      1 - p.derivation_finetune_share - p.derivation_adapter_share - p.derivation_merge_share;
  const std::map<ModelKind, double> expected = {{ModelKind::kFinetune, p.derivation_finetune_share},
                                                {ModelKind::kAdapter, p.derivation_adapter_share},
                                                {ModelKind::kMerge, p.derivation_merge_share},
                                                {ModelKind::kQuantized, q}};
  for (const auto& [kind, share] : expected) {
    INFO(kModelKindNames[size_t(kind)]);
    CHECK(std::fabs(general[kind] - n * share) < 5 * std::sqrt(n * share * (1 - share)) + 1);
  }
  CHECK(std::fabs(quantizer[ModelKind::kQuantized] - 0.9 * n) < 5 * std::sqrt(n * 0.09));
}

TEST_CASE("the parent sampler draws in proportion to integer weights across blocks",
          "[derivation]") {
  ParentSampler sampler;
  const size_t n = 10, block = 4;
  const std::vector<uint64_t> w = {0, 5, 0, 0, 10, 0, 0, 0, 0, 5};
  sampler.reset(n, block);
  for (int pool = 0; pool < 2; ++pool) {
    uint64_t* prefix = sampler.prefix(ParentSampler::Pool(pool));
    for (size_t b = 0; b * block < n; ++b) {
      uint64_t running = 0;
      for (size_t i = b * block; i < std::min(n, (b + 1) * block); ++i) prefix[i] = running += w[i];
    }
  }
  sampler.finish_blocks();
  CHECK(sampler.total(ParentSampler::kQuantize) == 20);
  Stream rng(StreamKey::derive(10, 0), Purpose::kDerivations, 0, 0);
  std::map<int32_t, int> hits;
  const int draws = 100000;
  for (int i = 0; i < draws; ++i) ++hits[sampler.pick(ParentSampler::kDerive, rng.uniform())];
  CHECK(hits.size() == 3);
  CHECK(std::fabs(hits[4] - draws * 0.5) < 5 * std::sqrt(draws * 0.25));
  CHECK(std::fabs(hits[1] - draws * 0.25) < 5 * std::sqrt(draws * 0.1875));
  ParentSampler empty;
  empty.reset(3, block);
  for (int pool = 0; pool < 2; ++pool)
    for (size_t i = 0; i < 3; ++i) empty.prefix(ParentSampler::Pool(pool))[i] = 0;
  empty.finish_blocks();
  CHECK(empty.pick(ParentSampler::kDerive, 0.5) == -1);
}

TEST_CASE("the parent sampler picks the model a search of the whole prefix finds", "[derivation]") {
  // Blocks larger than the sampler's groups of 64, a partial last block and last group, runs of
  // zero weights (never picked) and weights large and small.
  const size_t n = 1000, block = 300;
  Stream weights_rng(StreamKey::derive(11, 0), Purpose::kDerivations, 0, 0);
  std::vector<uint64_t> w(n), global(n);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t r = weights_rng.below(10);
    w[i] = r < 4 ? 0 : r < 9 ? weights_rng.below(5) + 1 : 100000;
  }
  ParentSampler sampler;
  sampler.reset(n, block);
  uint64_t running_global = 0;
  for (int pool = 0; pool < 2; ++pool) {
    uint64_t* prefix = sampler.prefix(ParentSampler::Pool(pool));
    for (size_t b = 0; b * block < n; ++b) {
      uint64_t running = 0;
      for (size_t i = b * block; i < std::min(n, (b + 1) * block); ++i) prefix[i] = running += w[i];
    }
  }
  for (size_t i = 0; i < n; ++i) global[i] = running_global += w[i];
  sampler.finish_blocks();
  REQUIRE(sampler.total(ParentSampler::kDerive) == running_global);
  Stream rng(StreamKey::derive(11, 1), Purpose::kDerivations, 0, 0);
  for (int i = 0; i < 20000; ++i) {
    const double u = i < 2 ? (i == 0 ? 0.0 : Stream::kBelowOne) : rng.uniform();
    auto target = uint64_t(u * double(running_global));
    if (target >= running_global) target = running_global - 1;
    const auto expected =
        int32_t(std::upper_bound(global.begin(), global.end(), target) - global.begin());
    const int32_t picked = sampler.pick(ParentSampler::kDerive, u);
    REQUIRE(picked == expected);
    REQUIRE(w[size_t(picked)] > 0);
  }
}

TEST_CASE("cumulative advantage: popular models keep their downloads and attract derivatives",
          "[cumulative_advantage]") {
  // With popularity-following pipelines, last year's popular models keep pulling downloads after
  // their fresh attention has faded; and derivatives pick parents by downloads.
  struct Outcome {
    double old_share = 0;         // share of 2024 downloads going to models released before 2024
    double top_parent_share = 0;  // share of derivatives whose parent is a top-1% model
  };
  auto measure = [](bool on, int replication) {
    // On the mechanism baseline (a fixed parameter point), with the pipelines' share and memory
    // pinned at the hand-set values the baseline had before calibration, so that the test
    // measures the mechanism, not the posterior's point estimate.
    const Scenario s =
        test::small_mechanism_baseline(0.01, {2024, 12, 31},
                                       {{"mechanisms.cumulative_advantage", on ? 1.0 : 0.0},
                                        {"demand.automated_share", 0.4},
                                        {"demand.popularity_memory_weeks", 26}});
    ReplicationOptions keep;
    keep.keep_model_table = true;
    const ReplicationResult r = run_replication(s, replication, keep);
    const ModelTableSnapshot& m = *r.models;
    const size_t years = m.years.size(), y2024 = years - 1;
    const int64_t start2024 = days_from_civil({2024, 1, 1});
    double old = 0, all = 0;
    std::vector<uint64_t> totals = m.downloads_total;
    for (size_t i = 0; i < m.size(); ++i) {
      const double d = double(m.downloads_by_year[i * years + y2024]) * m.represents[i];
      all += d;
      if (m.release_day[i] < start2024) old += d;
    }
    std::vector<uint64_t> sorted = totals;
    std::sort(sorted.begin(), sorted.end());
    const uint64_t top1 = sorted[sorted.size() * 99 / 100];
    double derivatives = 0, top_parent = 0;
    for (size_t i = 0; i < m.size(); ++i)
      if (m.parent[i] >= 0) {
        derivatives += 1;
        if (totals[size_t(m.parent[i])] >= top1) top_parent += 1;
      }
    return Outcome{old / all, top_parent / derivatives};
  };
  // The old share moves by several points between replications (which models of 2022-2023 became
  // hits), and on common random numbers the pair can still reverse (2 of 8 replications did when
  // the named families' sizes got release dates; the others gained 5 to 13 points): it is judged
  // on the mean paired effect over 16 replications, by 3 standard errors.
  std::vector<double> old_gain;
  for (int k = 0; k < 16; ++k) {
    const Outcome on = measure(true, k), off = measure(false, k);
    old_gain.push_back(on.old_share - off.old_share);
    INFO("replication " << k);
    CHECK(on.top_parent_share > 2 * off.top_parent_share);
  }
  CAPTURE(old_gain);
  CHECK(test::mean(old_gain) > 3 * test::standard_error(old_gain));
}

TEST_CASE("derivation off leaves only base models", "[derivation]") {
  const Scenario s = test::small_baseline(0.005, {2022, 12, 31}, {{"mechanisms.derivation", 0}});
  const ReplicationResult r = run_replication(s, 0);
  const Series& kinds = r.series.get("new_models");
  for (int t = 1; t < r.series.n_steps(); ++t)
    for (size_t k = 1; k < kinds.width; ++k) CHECK(kinds.row(t)[k] == 0.0);
}

TEST_CASE("derivatives of the same parent crowd each other out, at any scale", "[derivation]") {
  // The k-th real derivative's expected appeal is the parent's times the kind factor over
  // k^exponent; a simulated derivative standing for 1/scale real ones gets their mean.
  CHECK(crowding_factor(0, 1, 1.0) == Approx(std::log(3.0)).epsilon(1e-12));  // ~1/1
  CHECK(crowding_factor(9, 1, 1.0) == Approx(1.0 / 10).epsilon(0.01));
  CHECK(crowding_factor(0, 1, 0.0) == 1.0);
  // One derivative standing for 100 equals the mean of the 100 it stands for.
  double mean = 0;
  for (int k = 0; k < 100; ++k) mean += crowding_factor(k, 1, 1.0) / 100;
  CHECK(crowding_factor(0, 100, 1.0) == Approx(mean).epsilon(1e-9));
  double mean_half = 0;
  for (int k = 0; k < 100; ++k) mean_half += crowding_factor(k, 1, 0.5) / 100;
  CHECK(crowding_factor(0, 100, 0.5) == Approx(mean_half).epsilon(1e-9));
  Scenario s = test::small_baseline(0.005, {2021, 6, 30}, {{"quality.derivative_sd_log", 0.0}});
  World w;
  w.layout = CellLayout{int(s.regions.size()), int(s.tasks.size())};
  NewPublisher creator;
  w.publishers.add(creator);
  NewModel parent;
  parent.appeal = 1000;
  parent.params = 7e9;
  parent.family = 0;
  w.families.add(0, 0, ReleaseStrategy::kOneShot, -1, "");
  w.models.add(parent, w.layout);
  const Calendar cal = s.calendar();
  const Context ctx{s, s.params, cal, StreamKey::derive(1, 0), 0.005, 0};
  Stream rng(ctx.key, Purpose::kDerivations, 0, 0);
  const double weight = 1.0 / ctx.scale;
  for (int k = 0; k < 4; ++k) {
    const int32_t child = add_derivative(w, ctx, 0, 0, ModelKind::kFinetune, rng);
    const double expected =
        1000 * derivative_appeal_factor(s.params, ModelKind::kFinetune, ctx.years()) *
        crowding_factor(k * weight, weight, s.params.derivation_crowding_exponent);
    CHECK(w.models.appeal[size_t(child)] == Approx(expected).epsilon(1e-5));
    CHECK(w.models.parent[size_t(child)] == 0);
    CHECK(w.models.family[size_t(child)] == 0);
  }
  CHECK(w.models.children[0] == Approx(4 * weight));
}

TEST_CASE("derivatives gain appeal relative to their parents over the years, up to the parent's",
          "[derivation]") {
  Parameters p;
  p.quality_finetune_factor = 0.1;
  p.quality_quantized_factor = 1.5;
  p.quality_derivative_gain_per_year = 0.5;
  CHECK(derivative_appeal_factor(p, ModelKind::kFinetune, 0.0) == Approx(0.1));
  CHECK(derivative_appeal_factor(p, ModelKind::kFinetune, 2.0) == Approx(0.1 * std::exp(1.0)));
  CHECK(derivative_appeal_factor(p, ModelKind::kFinetune, -2.0) == Approx(0.1 * std::exp(-1.0)));
  // Ten years at 0.5 would give 0.1 * e^5 = 14.8: the gain stops at the parent's appeal.
  CHECK(derivative_appeal_factor(p, ModelKind::kFinetune, 10.0) == 1.0);
  // A factor already above the parent's is not raised further.
  CHECK(derivative_appeal_factor(p, ModelKind::kQuantized, 3.0) == 1.5);
  CHECK(derivative_appeal_factor(p, ModelKind::kBase, 3.0) == 1.0);
  // A negative gain lowers the factors later and raises them before the start (the initial
  // history), again only up to the parent's appeal.
  p.quality_derivative_gain_per_year = -0.5;
  CHECK(derivative_appeal_factor(p, ModelKind::kQuantized, 2.0) == Approx(1.5 * std::exp(-1.0)));
  CHECK(derivative_appeal_factor(p, ModelKind::kFinetune, -2.0) == Approx(0.1 * std::exp(1.0)));
  CHECK(derivative_appeal_factor(p, ModelKind::kFinetune, -10.0) == 1.0);
  p.quality_derivative_gain_per_year = 0;
  CHECK(derivative_appeal_factor(p, ModelKind::kFinetune, 5.0) == 0.1);

  // add_derivative uses it at the step's time: a year into the window, the fine-tune of a
  // parent without derivatives has e^gain times the appeal it would have at the start.
  Scenario s = test::small_baseline(
      0.005, {2022, 6, 30},
      {{"quality.derivative_sd_log", 0.0}, {"quality.derivative_gain_per_year", 0.4}});
  World w;
  w.layout = CellLayout{int(s.regions.size()), int(s.tasks.size())};
  w.publishers.add(NewPublisher{});
  NewModel parent;
  parent.appeal = 1000;
  parent.params = 7e9;
  parent.family = 0;
  w.families.add(0, 0, ReleaseStrategy::kOneShot, -1, "");
  w.models.add(parent, w.layout);
  w.models.add(parent, w.layout);
  const Calendar cal = s.calendar();
  const int year_step = int(std::lround(cal.steps_per_year()));
  const Context start{s, s.params, cal, StreamKey::derive(1, 0), 0.005, 0};
  const Context later{s, s.params, cal, StreamKey::derive(1, 0), 0.005, year_step};
  Stream rng(start.key, Purpose::kDerivations, 0, 0);
  const int32_t early = add_derivative(w, start, 0, 0, ModelKind::kFinetune, rng);
  const int32_t late = add_derivative(w, later, 0, 1, ModelKind::kFinetune, rng);
  const double years = later.years() - start.years();
  CHECK(years == Approx(1.0).epsilon(0.02));
  CHECK(w.models.appeal[size_t(late)] / w.models.appeal[size_t(early)] ==
        Approx(std::exp(0.4 * years)).epsilon(1e-5));
}

TEST_CASE("robotics datasets surge to the top category", "[datasets]") {
  const Scenario s = test::small_baseline(0.02, {2025, 12, 31});
  const ReplicationResult r = run_replication(s, 0);
  CHECK(stat(r, "datasets_robotics_rank_2023") > 20);
  CHECK(stat(r, "datasets_robotics_rank_2025") == 1);
  CHECK(stat(r, "datasets_robotics_2025") > 10 * stat(r, "datasets_robotics_2024"));
}

TEST_CASE("a named family releases a size only from the size's date", "[releases]") {
  FamilySpec spec;
  spec.sizes_b = {7, 70, 405};
  NamedFamilyState nf;
  CHECK(available_sizes(spec, nf, -5) == std::vector<double>{7, 70, 405});  // no dates: all
  nf.size_from_step = {10, 30, 20};
  CHECK(available_sizes(spec, nf, 9).empty());
  CHECK(available_sizes(spec, nf, 10) == std::vector<double>{7});
  CHECK(available_sizes(spec, nf, 25) == std::vector<double>{7, 405});
  CHECK(available_sizes(spec, nf, 30) == std::vector<double>{7, 70, 405});

  // In a run of the baseline, no base model of a dated family comes before its size's date
  // (a release waits when none of its sizes is out: kimi's first size follows its from).
  const Scenario s = test::small_baseline(0.002, {2025, 12, 31});
  ReplicationOptions keep;
  keep.keep_model_table = true;
  const ReplicationResult r = run_replication(s, 0, keep);
  const auto& m = *r.models;
  std::map<std::string, const FamilySpec*> dated;
  for (const auto& pub : s.named_publishers)
    for (const auto& f : pub.families)
      if (!f.sizes_from.empty()) dated[f.id] = &f;
  REQUIRE(dated.size() >= 10);
  std::map<std::string, int> checked;
  for (size_t i = 0; i < m.size(); ++i) {
    if (m.kind[i] != uint8_t(ModelKind::kBase)) continue;
    const auto it = dated.find(m.family_names[size_t(m.family[i])]);
    if (it == dated.end()) continue;
    const FamilySpec& f = *it->second;
    for (size_t k = 0; k < f.sizes_b.size(); ++k) {
      if (std::fabs(double(m.params[i]) - f.sizes_b[k] * 1e9) > 1e-6 * f.sizes_b[k] * 1e9) continue;
      INFO(f.id << " size " << f.sizes_b[k] << "B released on day " << m.release_day[i]);
      // The release is made in the step (7 days) containing the date or later.
      CHECK(m.release_day[i] > days_from_civil(f.sizes_from[k]) - 7);
      ++checked[f.id];
    }
  }
  CHECK(checked.size() >= 10);
  CHECK(checked["kimi"] > 0);
}

TEST_CASE("a family whose sizes come out after its start releases first at its earliest size",
          "[releases]") {
  // MiniMax's family starts in 2024 but its first size (456B) is dated 2025-01-15. Made open,
  // monthly and (second pass) started before the window, without events (the CN pivot of
  // 2025-01-01 reschedules it), so that every due release would publish: its first base model
  // must be in the step containing 2025-01-15, not earlier (no empty release in 2024, none in
  // the history before the window) and not later (an empty release would move the schedule on).
  for (const Date from : {Date{2024, 1, 1}, Date{2019, 6, 1}}) {
    INFO("from " << format_date(from));
    Scenario s = test::small_baseline(0.002, {2025, 6, 30}, {{"mechanisms.events", 0}});
    FamilySpec* minimax = nullptr;
    for (auto& pub : s.named_publishers)
      for (auto& f : pub.families)
        if (f.id == "minimax") minimax = &f;
    REQUIRE(minimax != nullptr);
    REQUIRE(minimax->sizes_from == std::vector<Date>{{2025, 10, 27}, {2025, 1, 15}});
    minimax->from = from;
    minimax->openness = 1;
    minimax->releases_per_year = 12;
    ReplicationOptions keep;
    keep.keep_model_table = true;
    const ReplicationResult r = run_replication(s, 0, keep);
    const auto& m = *r.models;
    int64_t first = std::numeric_limits<int64_t>::max();
    int count = 0;
    for (size_t i = 0; i < m.size(); ++i)
      if (m.kind[i] == uint8_t(ModelKind::kBase) &&
          m.family_names[size_t(m.family[i])] == "minimax") {
        first = std::min<int64_t>(first, m.release_day[i]);
        CHECK(m.params[i] == Approx(456e9));  // the 230B size is dated after the window
        ++count;
      }
    const Calendar cal = s.calendar();
    CHECK(first == cal.step_start_day(step_containing(cal, {2025, 1, 15})));
    CHECK(count >= 4);  // monthly from mid-January to June
  }
}
