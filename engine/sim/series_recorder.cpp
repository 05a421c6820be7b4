#include "sim/series_recorder.h"

namespace hubsim {

SeriesTable make_run_series(const Scenario& sc, int n_steps) {
  const CategoryDim region{"region", sc.region_names()};
  const CategoryDim user_region{"user_region", sc.region_names()};
  const CategoryDim origin{"origin_region", sc.region_names()};
  const CategoryDim type{"publisher_type", names_of(kPublisherTypeNames)};
  const CategoryDim kind{"kind", names_of(kModelKindNames)};
  const CategoryDim task{"task", sc.task_names()};
  const CategoryDim tier{"tier", sc.tier_names()};
  const CategoryDim category{"category", sc.category_names()};
  SeriesTable t(n_steps);
  t.add("n_users", "users", "Registered users at the end of the step by region (full scale).",
        {region});
  t.add("n_users_by_tier", "users", "Registered users at the end of the step by hardware tier.",
        {tier});
  t.add("new_models", "models", "Models released during the step by kind (full scale).", {kind});
  t.add("new_models_by_region", "models", "Models released during the step by developer region.",
        {region});
  t.add("cum_models", "models", "Models on the hub at the end of the step (full scale).");
  t.add("new_downloads", "downloads", "Downloads during the step (full scale).");
  t.add("new_downloads_by_region", "downloads",
        "Downloads during the step by the developer (publisher) region of the model.", {region});
  t.add("new_downloads_by_type", "downloads",
        "Downloads during the step by the publisher type of the model.", {type});
  t.add("new_downloads_by_kind", "downloads", "Downloads during the step by model kind.", {kind});
  t.add("new_downloads_by_task", "downloads", "Downloads during the step by task.", {task});
  t.add("new_downloads_by_origin", "downloads",
        "Downloads during the step by the region where the model's lineage starts.", {origin});
  t.add("new_downloads_by_user_region", "downloads",
        "Expected downloads during the step from users (and pipelines) of each region to models "
        "of each developer region (the realised total split in proportion to expected flows).",
        {user_region, region});
  t.add("new_downloads_by_user_origin", "downloads",
        "Expected downloads during the step from users (and pipelines) of each region to models "
        "whose lineage starts in each region (re-uploads count for the origin; the realised total "
        "split in proportion to expected flows).",
        {user_region, origin});
  t.add("new_downloaded_params", "downloads x parameters",
        "Sum over the step's downloads of the downloaded model's parameter count.");
  t.add("n_publishers_by_type", "publishers",
        "Active publishers at the end of the step by type (full scale; named ones count once).",
        {type});
  t.add("new_datasets", "datasets", "Datasets published during the step by category.", {category});
  t.add("cum_datasets", "datasets", "Datasets on the hub at the end of the step by category.",
        {category});
  return t;
}

void SeriesRecorder::record(const World& world, const Context& ctx, size_t models_before,
                            size_t datasets_before, const DemandAllocation& allocation,
                            const DownloadTotals& totals) {
  const int t = ctx.step;
  const double inv = 1.0 / ctx.scale;
  const ModelTable& models = world.models;
  const int R = world.layout.regions;

  double* users = table_.get("n_users").row(t);
  for (int r = 0; r < R; ++r) users[r] = double(world.users.in_region(r)) * inv;
  double* by_tier = table_.get("n_users_by_tier").row(t);
  for (int h = 0; h < world.users.tiers; ++h) {
    int64_t n = 0;
    for (int r = 0; r < R; ++r) n += world.users.at(r, h);
    by_tier[h] = double(n) * inv;
  }

  double* new_models = table_.get("new_models").row(t);
  double* new_by_region = table_.get("new_models_by_region").row(t);
  for (size_t m = models_before; m < models.size(); ++m) {
    const double w = models.represents_one(m) ? 1.0 : inv;
    new_models[models.kind[m]] += w;
    new_by_region[models.region[m]] += w;
  }
  const double previous = t > 0 ? table_.get("cum_models").row(t - 1)[0] : 0.0;
  double released = 0;
  for (int k = 0; k < kModelKindCount; ++k) released += new_models[k];
  // The initial stock enters in the first step's running total.
  double initial = 0;
  if (t == 0)
    for (size_t m = 0; m < models_before; ++m) initial += models.represents_one(m) ? 1.0 : inv;
  table_.get("cum_models").row(t)[0] = previous + initial + released;

  auto put = [&](const char* name, const std::vector<uint64_t>* sides) {
    double* row = table_.get(name).row(t);
    for (size_t j = 0; j < sides[0].size(); ++j)
      row[j] = DownloadTotals::combine(sides[0][j], sides[1][j], ctx.scale);
  };
  put("new_downloads_by_region", totals.by_region);
  put("new_downloads_by_type", totals.by_type);
  put("new_downloads_by_kind", totals.by_kind);
  put("new_downloads_by_task", totals.by_task);
  put("new_downloads_by_origin", totals.by_origin);
  double total = 0;
  const double* by_region = table_.get("new_downloads_by_region").row(t);
  for (int r = 0; r < R; ++r) total += by_region[r];
  table_.get("new_downloads").row(t)[0] = total;
  table_.get("new_downloaded_params").row(t)[0] = totals.params_sum;

  // Split each developer region's realised downloads over user regions by expected flows.
  double* flows = table_.get("new_downloads_by_user_region").row(t);
  for (int g = 0; g < R; ++g) {
    double expected = 0;
    for (int r = 0; r < R; ++r) expected += allocation.flow[size_t(r * R + g)];
    for (int r = 0; r < R; ++r)
      flows[r * R + g] =
          expected > 0 ? by_region[g] * allocation.flow[size_t(r * R + g)] / expected : 0.0;
  }
  // The same by lineage origin.
  double* origin_flows = table_.get("new_downloads_by_user_origin").row(t);
  const double* by_origin = table_.get("new_downloads_by_origin").row(t);
  for (int o = 0; o < R; ++o) {
    double expected = 0;
    for (int r = 0; r < R; ++r) expected += allocation.origin_flow[size_t(r * R + o)];
    for (int r = 0; r < R; ++r)
      origin_flows[r * R + o] =
          expected > 0 ? by_origin[o] * allocation.origin_flow[size_t(r * R + o)] / expected : 0.0;
  }

  double* pubs = table_.get("n_publishers_by_type").row(t);
  for (int k = 0; k < kPublisherTypeCount; ++k)
    pubs[k] = double(world.active_publishers[size_t(k)]) * inv;
  for (size_t i = 0; i < world.named_publisher_ids.size(); ++i) {
    const auto id = size_t(world.named_publisher_ids[i]);
    pubs[world.publishers.type[id]] += 1.0;
  }

  double* new_ds = table_.get("new_datasets").row(t);
  for (size_t d = datasets_before; d < world.datasets.size(); ++d)
    new_ds[world.datasets.category[d]] += inv;
  double* cum_ds = table_.get("cum_datasets").row(t);
  for (size_t c = 0; c < world.datasets.count_by_category.size(); ++c)
    cum_ds[c] = double(world.datasets.count_by_category[c]) * inv;
}

}  // namespace hubsim
