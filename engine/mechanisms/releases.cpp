#include "mechanisms/releases.h"

#include "mechanisms/derivation.h"
#include "mechanisms/growing_weight.h"
#include "mechanisms/release_activity.h"

#include <algorithm>
#include <cmath>

namespace hubsim {

double footprint_gib(const Parameters& p, double params, ModelKind kind) {
  const double bytes =
      kind == ModelKind::kQuantized ? p.sizes_quantized_bytes_per_param : p.sizes_bytes_per_param;
  return params * bytes / double(1ULL << 30);
}

double version_gain(const Parameters& p, int versions) {
  return p.quality_version_step_log * std::min(versions, 8);
}

std::vector<double> pick_sizes(const std::vector<double>& sizes, int count, Stream& rng) {
  std::vector<double> pool = sizes;
  if (count >= int(pool.size())) return pool;
  // Partial Fisher-Yates: the first `count` entries become a uniform random subset.
  for (int i = 0; i < count; ++i) {
    const int j = i + int(rng.below(uint32_t(pool.size() - size_t(i))));
    std::swap(pool[size_t(i)], pool[size_t(j)]);
  }
  pool.resize(size_t(count));
  std::sort(pool.begin(), pool.end());
  return pool;
}

std::vector<double> available_sizes(const FamilySpec& spec, const NamedFamilyState& nf, int step) {
  if (nf.size_from_step.empty()) return spec.sizes_b;
  std::vector<double> sizes;
  for (size_t k = 0; k < spec.sizes_b.size(); ++k)
    if (nf.size_from_step[k] <= step) sizes.push_back(spec.sizes_b[k]);
  return sizes;
}

int draw_index(const std::vector<double>& weights, Stream& rng) {
  double total = 0;
  for (double w : weights) total += w;
  double target = rng.uniform() * total;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (target < weights[i]) return int(i);
    target -= weights[i];
  }
  for (size_t i = weights.size(); i > 0; --i)
    if (weights[i - 1] > 0) return int(i - 1);
  return 0;
}

std::vector<double> task_release_weights(const Context& ctx) {
  std::vector<double> w;
  w.reserve(ctx.scenario.tasks.size());
  for (const auto& t : ctx.scenario.tasks)
    w.push_back(growing_weight(ctx, t.release_share, t.release_growth_per_year, t.surge_from,
                               t.surge_growth_per_year));
  return w;
}

std::vector<int32_t> release_batch(World& world, const Context& ctx, const BatchRequest& request,
                                   Stream& rng) {
  const Parameters& p = ctx.params;
  PublisherTable& pubs = world.publishers;
  FamilyTable& fams = world.families;
  const auto pub = size_t(request.publisher);
  const auto fam = size_t(request.family);

  std::vector<int32_t> ids;
  NewModel m;
  m.family = request.family;
  m.publisher = request.publisher;
  m.publisher_type = PublisherType(pubs.type[pub]);
  m.region = pubs.region[pub];
  m.origin = fams.origin[fam];
  m.task = uint8_t(request.task);
  m.license = request.license;
  m.release_step = ctx.step;
  m.represents_one = pubs.is_named(pub);
  const int variants = std::max(1, request.variants_per_size);
  for (double params : request.params) {
    m.kind = ModelKind::kBase;
    m.parent = -1;
    m.params = float(params);
    m.footprint_gib = float(footprint_gib(p, params, ModelKind::kBase));
    m.appeal =
        float(std::exp(request.quality_log + p.quality_base_sd_log * rng.normal()) / variants);
    finish_new_model(m, ctx);
    for (int k = 0; k < variants; ++k) {
      const int32_t base_id = world.models.add(m, world.layout);
      ids.push_back(base_id);
      for (int q = 0; q < request.official_quantized; ++q) {
        NewModel v = m;
        v.kind = ModelKind::kQuantized;
        v.parent = base_id;
        v.footprint_gib = float(footprint_gib(p, params, ModelKind::kQuantized));
        // Official quantizations gain with the community's (same methods).
        v.appeal =
            m.appeal * float(derivative_appeal_factor(p, ModelKind::kQuantized, ctx.years()));
        finish_new_model(v, ctx);
        ids.push_back(world.models.add(v, world.layout));
      }
    }
  }

  if (fams.first_release_step[fam] < 0) fams.first_release_step[fam] = ctx.step;
  fams.last_release_step[fam] = ctx.step;
  ++fams.versions[fam];
  ++pubs.versions[pub];
  // A successor release of a continuously updated family renews its models' attention.
  if (p.mechanisms.continuous_updates && fams.versions[fam] > 1 &&
      ReleaseStrategy(fams.strategy[fam]) == ReleaseStrategy::kContinuous)
    fams.renew_step[fam] = ctx.step;

  const int named = pubs.named_index[pub];
  if (named >= 0 && ctx.step >= 0) {
    const int year_index = ctx.calendar.year_of_step(ctx.step) - world.first_year;
    auto& by_year = world.named_releases_by_year[size_t(named)];
    if (year_index >= 0 && size_t(year_index) < by_year.size())
      by_year[size_t(year_index)] += int64_t(ids.size());
  }
  return ids;
}

void release_named_families(World& world, const Context& ctx) {
  for (size_t i = 0; i < world.named_families.size(); ++i) release_named_family(world, ctx, i);
}

void release_named_family(World& world, const Context& ctx, size_t i) {
  NamedFamilyState& nf = world.named_families[i];
  if (ctx.step < nf.from_step || ctx.step >= nf.until_step || ctx.step < nf.next_release_step)
    return;
  const bool one_shot =
      nf.strategy == ReleaseStrategy::kOneShot || !ctx.params.mechanisms.continuous_updates;
  if (one_shot && nf.released) return;
  const FamilySpec& spec =
      ctx.scenario.named_publishers[size_t(nf.named_publisher)].families[size_t(nf.family_spec)];
  const std::vector<double> sizes = available_sizes(spec, nf, ctx.step);
  if (sizes.empty()) {  // the family's first size is not out yet: the release waits for it
    nf.next_release_step = *std::min_element(nf.size_from_step.begin(), nf.size_from_step.end());
    return;
  }
  Stream rng = ctx.stream(Purpose::kNamedReleases, uint32_t(i));
  if (rng.uniform() < nf.openness) {
    const int count = 1 + int(rng.poisson(std::max(0.0, spec.sizes_per_release - 1.0)));
    BatchRequest req;
    req.publisher = nf.publisher;
    req.family = nf.family;
    for (double b : pick_sizes(sizes, count, rng)) req.params.push_back(b * 1e9);
    req.quality_log =
        nf.quality_log + version_gain(ctx.params, world.families.versions[size_t(nf.family)]);
    req.task = spec.task;
    req.license = float(spec.license_factor);
    req.official_quantized = spec.official_quantized;
    req.variants_per_size = nf.variants_per_size;
    release_batch(world, ctx, req, rng);
  }
  nf.released = true;
  if (nf.releases_per_year > 0) {
    const double interval = ctx.steps_per_year() / nf.releases_per_year;
    nf.next_release_step =
        ctx.step + std::max(1, int(std::lround(interval * (0.75 + 0.5 * rng.uniform()))));
  } else {
    nf.next_release_step = nf.until_step;
  }
}

int32_t release_from_publisher(World& world, const Context& ctx, size_t pub,
                               const std::vector<double>& task_weights, Stream& rng) {
  PublisherTable& pubs = world.publishers;
  const Parameters& p = ctx.params;
  const auto strategy = p.mechanisms.continuous_updates ? ReleaseStrategy(pubs.strategy[pub])
                                                        : ReleaseStrategy::kOneShot;
  int32_t fam = pubs.family[pub];
  if (strategy == ReleaseStrategy::kOneShot || fam < 0) {
    fam = world.families.add(int32_t(pub), pubs.region[pub], strategy, -1, "");
    pubs.family[pub] = fam;
  }
  const int count = 1 + int(rng.poisson(std::max(0.0, p.sizes_per_release_mean - 1.0)));
  const double years_active = std::max(
      0.0, ctx.years() - ctx.calendar.years_since_start(std::max(0, pubs.entry_step[pub])));
  const double center = pubs.size_log10[pub] + p.sizes_log10_growth_per_year * years_active +
                        pubs.size_log10_sd[pub] * rng.normal();
  BatchRequest req;
  req.publisher = int32_t(pub);
  req.family = fam;
  // A family spans sizes: a batch of k sizes a factor of two apart around the centre.
  for (int k = 0; k < count; ++k) {
    const double log10_params = std::clamp(center + 0.3 * (k - 0.5 * (count - 1)), 5.0, 12.5);
    req.params.push_back(std::pow(10.0, log10_params));
  }
  req.quality_log =
      pubs.quality_log[pub] + (strategy == ReleaseStrategy::kContinuous
                                   ? version_gain(p, world.families.versions[size_t(fam)])
                                   : 0.0);
  const auto& group_quality = world.policy.group_quality_log;  // e.g. public compute
  if (!group_quality.empty())
    req.quality_log +=
        group_quality[size_t(pubs.type[pub] * world.layout.regions + pubs.region[pub])];
  req.task = draw_index(task_weights, rng);
  return release_batch(world, ctx, req, rng).front();
}

void release_generated_base_models(World& world, const Context& ctx) {
  PublisherTable& pubs = world.publishers;
  Stream rng = ctx.stream(Purpose::kBaseReleases, 0);
  const int64_t n = rng.poisson(pubs.base_tree.total() * release_activity_factor(ctx));
  if (n == 0) return;
  const std::vector<double> task_weights = task_release_weights(ctx);
  for (int64_t i = 0; i < n; ++i) {
    const size_t pub = pubs.base_tree.find(rng.uniform());
    if (pub >= pubs.size()) break;
    release_from_publisher(world, ctx, pub, task_weights, rng);
  }
}

}  // namespace hubsim
