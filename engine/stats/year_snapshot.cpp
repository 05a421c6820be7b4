#include "stats/year_snapshot.h"

#include "stats/concentration.h"
#include "stats/top_models.h"

namespace hubsim {

std::vector<std::pair<int32_t, std::string>> reported_families(const World& world,
                                                               const Scenario& scenario) {
  std::vector<std::pair<int32_t, std::string>> out;
  for (const NamedFamilyState& nf : world.named_families) {
    const FamilySpec& spec =
        scenario.named_publishers[size_t(nf.named_publisher)].families[size_t(nf.family_spec)];
    if (spec.report_derivatives) out.emplace_back(nf.family, spec.id);
  }
  return out;
}

YearSnapshot take_year_snapshot(const World& world, const Context& ctx, int year) {
  const ModelTable& models = world.models;
  const double inv_scale = 1.0 / ctx.scale;
  YearSnapshot s;
  s.year = year;
  s.users_total = double(world.users.total()) * inv_scale;
  s.datasets_total = double(world.datasets.size()) * inv_scale;
  for (int64_t c : world.datasets.count_by_category)
    s.datasets_by_category.push_back(double(c) * inv_scale);

  const size_t n = models.size();
  std::vector<uint64_t> year_many, year_one, life_many, life_one, recent_many, recent_one;
  year_many.reserve(n);
  life_many.reserve(n);
  recent_many.reserve(n);
  double small_models = 0, small_downloads = 0, huge_models = 0, huge_downloads = 0;
  for (size_t m = 0; m < n; ++m) {
    const bool one = models.represents_one(m);
    const double w = one ? 1.0 : inv_scale;
    (one ? year_one : year_many).push_back(models.downloads_year[m]);
    (one ? life_one : life_many).push_back(models.downloads_total[m]);
    (one ? recent_one : recent_many).push_back(models.downloads_last_30_days[m]);
    const double params = models.params[m];
    if (params >= 1e9 && params < 1e10) {
      small_models += w;
      small_downloads += w * double(models.downloads_year[m]);
    } else if (params >= 1e11) {
      huge_models += w;
      huge_downloads += w * double(models.downloads_year[m]);
    }
  }
  s.small_per_model = small_models > 0 ? small_downloads / small_models : 0.0;
  s.top100_by_region = top_models_by_region(models, world.layout.regions, ctx.scale, 100.0);
  s.huge_per_model = huge_models > 0 ? huge_downloads / huge_models : 0.0;
  {
    const WeightedValues year_values(std::move(year_many), inv_scale, std::move(year_one));
    s.models_total = year_values.models();
    s.top200_share = year_values.top_share(200.0);
    s.gini = year_values.gini();
    s.hhi = year_values.hhi();
  }
  {
    const WeightedValues life(std::move(life_many), inv_scale, std::move(life_one));
    s.under100_share = life.share_below(100);
  }
  {
    const WeightedValues recent(std::move(recent_many), inv_scale, std::move(recent_one));
    s.zero_download_share = recent.share_below(1);
    s.top1pct_share = recent.top_fraction_share(0.01);
  }

  // Derivatives of each reported family: direct ones declare a model released by the family's
  // owner as their parent; all counts every descendant.
  const auto families = reported_families(world, ctx.scenario);
  s.derivatives_direct.assign(families.size(), 0.0);
  s.derivatives_all.assign(families.size(), 0.0);
  std::vector<int> slot(world.families.size(), -1);
  for (size_t i = 0; i < families.size(); ++i) slot[size_t(families[i].first)] = int(i);
  for (size_t m = 0; m < n; ++m) {
    if (ModelKind(models.kind[m]) == ModelKind::kBase) continue;
    const int k = slot[size_t(models.family[m])];
    if (k < 0) continue;
    const int32_t owner = world.families.owner[size_t(models.family[m])];
    if (models.publisher[m] == owner) continue;  // the owner's own variants
    const double w = models.represents_one(m) ? 1.0 : inv_scale;
    s.derivatives_all[size_t(k)] += w;
    if (models.publisher[size_t(models.parent[m])] == owner) s.derivatives_direct[size_t(k)] += w;
  }
  return s;
}

}  // namespace hubsim
