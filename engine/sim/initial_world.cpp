#include "sim/initial_world.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "mechanisms/demand.h"
#include "mechanisms/derivation.h"
#include "mechanisms/growth.h"
#include "mechanisms/releases.h"

namespace hubsim {

int step_containing(const Calendar& calendar, const Date& date) {
  const int64_t offset = days_from_civil(date) - calendar.step_start_day(0);
  const int64_t step = offset >= 0 ? offset / calendar.step_days()
                                   : -((-offset + calendar.step_days() - 1) / calendar.step_days());
  return int(std::clamp<int64_t>(step, -(1 << 19), 1 << 30));
}

namespace {

void add_initial_users(World& world, const Context& ctx, Stream& rng) {
  const Scenario& sc = ctx.scenario;
  const int64_t n = rng.poisson(ctx.params.initial_users * ctx.scale);
  for (size_t r = 0; r < sc.regions.size(); ++r) {
    for (size_t h = 0; h < sc.tiers.size(); ++h) {
      const double expected = double(n) * sc.regions[r].user_share * world.new_user_tier_share[h];
      world.users.at(int(r), int(h)) = rng.poisson(expected);
    }
  }
}

void add_named_publishers(World& world, const Context& ctx) {
  const Scenario& sc = ctx.scenario;
  const Calendar& cal = ctx.calendar;
  const int years = cal.last_year() - cal.first_year() + 1;
  for (size_t i = 0; i < sc.named_publishers.size(); ++i) {
    const NamedPublisherSpec& spec = sc.named_publishers[i];
    NewPublisher np;
    np.type = spec.type;
    np.region = uint8_t(spec.region);
    np.flags = uint8_t(kNamed | (spec.publicly_funded ? kPubliclyFunded : 0));
    np.named_index = int32_t(i);
    np.entry_step = 0;
    np.exit_step = std::numeric_limits<int32_t>::max();
    const int32_t pub = world.publishers.add(np);
    world.named_publisher_ids.push_back(pub);
    world.named_releases_by_year.emplace_back(size_t(years), 0);
    for (size_t j = 0; j < spec.families.size(); ++j) {
      const FamilySpec& f = spec.families[j];
      NamedFamilyState nf;
      nf.named_publisher = int(i);
      nf.family_spec = int(j);
      nf.publisher = pub;
      nf.family = world.families.add(pub, uint8_t(spec.region), f.strategy,
                                     int32_t(world.named_families.size()), f.id);
      nf.strategy = f.strategy;
      nf.releases_per_year = f.releases_per_year;
      nf.openness = f.openness;
      nf.quality_log = f.quality_log;
      nf.from_step = step_containing(cal, f.from);
      nf.until_step =
          f.until ? std::min(step_containing(cal, *f.until) + 1, cal.n_steps()) : cal.n_steps();
      for (const Date& d : f.sizes_from) nf.size_from_step.push_back(step_containing(cal, d));
      // The family's first release needs a size that is out: a start before the earliest size's
      // date would otherwise put a waiting family into the history before the window.
      if (!nf.size_from_step.empty())
        nf.from_step = std::max(
            nf.from_step, *std::min_element(nf.size_from_step.begin(), nf.size_from_step.end()));
      nf.next_release_step = nf.from_step;
      world.named_families.push_back(nf);
    }
  }
}

void add_initial_publishers(World& world, const Context& ctx, Stream& rng) {
  for (int t = 0; t < kPublisherTypeCount; ++t) {
    const PublisherTypeSpec& spec = ctx.scenario.publisher_types[size_t(t)];
    const int64_t n = rng.poisson(spec.initial * ctx.scale);
    for (int64_t i = 0; i < n; ++i) {
      const int region = draw_index(spec.region_share, rng);
      const bool quantizer = PublisherType(t) == PublisherType::kIndependent &&
                             rng.uniform() < ctx.params.creators_quantizer_share;
      add_generated_publisher(world, ctx, PublisherType(t), region, quantizer, rng);
    }
  }
}

// Named families first released before the window: one release inside the initial history,
// then their schedule continues from the start.
void release_named_history(World& world, const Context& ctx, int history_steps) {
  for (size_t i = 0; i < world.named_families.size(); ++i) {
    NamedFamilyState& nf = world.named_families[i];
    if (nf.from_step >= 0) continue;
    Context at = ctx;
    at.step = std::max(nf.from_step, -history_steps);
    if (at.step >= nf.until_step) continue;
    nf.next_release_step = at.step;
    release_named_family(world, at, i);
    Stream rng = ctx.stream(Purpose::kInitialWorld, uint32_t(1000 + i));
    if (nf.releases_per_year > 0) {
      // Continue the cadence with a random phase.
      nf.next_release_step = int(rng.uniform() * ctx.steps_per_year() / nf.releases_per_year);
    }
  }
}

void add_initial_models(World& world, const Context& ctx, int history_steps, Stream& rng) {
  const int64_t n = rng.poisson(ctx.params.initial_models * ctx.scale);
  std::vector<int> steps;
  for (int64_t i = 0; i < n; ++i) steps.push_back(-1 - int(rng.below(uint32_t(history_steps))));
  std::sort(steps.begin(), steps.end());
  std::vector<int32_t> bases;
  std::vector<double> base_appeal;
  for (int step : steps) {
    Context at = ctx;
    at.step = step;
    const bool derivative = ctx.params.mechanisms.derivation && !bases.empty() &&
                            world.publishers.derivative_tree.total() > 0 && rng.uniform() < 0.3;
    if (derivative) {
      const size_t creator = world.publishers.derivative_tree.find(rng.uniform());
      const int32_t parent = bases[size_t(draw_index(base_appeal, rng))];
      add_derivative(world, at, creator, size_t(parent), ModelKind::kFinetune, rng);
    } else if (world.publishers.base_tree.total() > 0) {
      const size_t pub = world.publishers.base_tree.find(rng.uniform());
      const size_t before = world.models.size();
      release_from_publisher(world, at, pub, task_release_weights(at), rng);
      for (size_t m = before; m < world.models.size(); ++m) {
        bases.push_back(int32_t(m));
        base_appeal.push_back(world.models.appeal[m]);
      }
    }
  }
}

}  // namespace

World build_initial_world(const Context& ctx, AttentionSums& sums) {
  const Scenario& sc = ctx.scenario;
  const Parameters& p = ctx.params;
  World world;
  world.layout = CellLayout{int(sc.regions.size()), int(sc.tasks.size())};
  world.first_year = ctx.calendar.first_year();
  world.users.resize(int(sc.regions.size()), int(sc.tiers.size()));
  double tier_total = 0;
  for (const auto& t : sc.tiers) tier_total += t.initial_share;
  for (const auto& t : sc.tiers) world.new_user_tier_share.push_back(t.initial_share / tier_total);
  world.datasets.count_by_category.assign(sc.dataset_categories.size(), 0);
  world.exits_by_step.resize(size_t(ctx.calendar.n_steps()));
  const size_t groups = size_t(kPublisherTypeCount) * sc.regions.size();
  world.policy.group_rate_multiplier.assign(groups, 1.0);
  world.policy.group_openness.assign(groups, -1.0);

  Stream rng = ctx.stream(Purpose::kInitialWorld, 0);
  add_initial_users(world, ctx, rng);
  add_named_publishers(world, ctx);
  add_initial_publishers(world, ctx, rng);
  const int history_steps =
      std::max(1, int(std::lround(p.initial_history_weeks / ctx.calendar.weeks_per_step())));
  release_named_history(world, ctx, history_steps);
  add_initial_models(world, ctx, history_steps, rng);

  // Attention at the start: fresh attention has decayed with each model's age.
  ModelTable& models = world.models;
  const DownloadPassSettings s = DownloadPassSettings::from(ctx);
  for (size_t m = 0; m < models.size(); ++m)
    models.fresh[m] = float(std::pow(s.fresh_decay, double(-models.release_step[m])));
  sums.reset(world.layout);
  const double inv_scale = 1.0 / ctx.scale;
  for (size_t m = 0; m < models.size(); ++m) {
    const double w = models.represents_one(m) ? 1.0 : inv_scale;
    sums.attention[models.cell[m]] += w * model_attention(models, m, s.residual);
  }
  // Popularity starts at each model's expected downloads under human demand alone.
  std::vector<double> attention_by_pair(size_t(world.layout.region_pairs()), 0.0);
  for (size_t c = 0; c < sums.attention.size(); ++c)
    attention_by_pair[size_t(world.layout.pair_of(int(c)))] += sums.attention[c];
  const DemandAllocation warm = allocate_demand(world, ctx, sums.attention, attention_by_pair);
  const double total_factor = 1.0 / (1.0 - p.demand_automated_share);
  for (size_t m = 0; m < models.size(); ++m) {
    const double expected =
        model_attention(models, m, s.residual) * warm.human_rate[models.cell[m]];
    models.popularity[m] = float(expected * total_factor);
    const double w = models.represents_one(m) ? 1.0 : inv_scale;
    const int pair = world.layout.pair_of(models.cell[m]);
    sums.popularity[size_t(pair)] +=
        w * (s.cumulative_advantage ? double(models.popularity[m])
                                    : model_attention(models, m, s.residual));
  }
  return world;
}

}  // namespace hubsim
