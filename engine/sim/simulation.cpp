#include "sim/simulation.h"

#include <chrono>
#include <cmath>

#include "core/errors.h"
#include "core/parallel_blocks.h"
#include "events/event.h"
#include "mechanisms/datasets.h"
#include "mechanisms/demand.h"
#include "mechanisms/derivation.h"
#include "mechanisms/downloads.h"
#include "mechanisms/growth.h"
#include "mechanisms/releases.h"
#include "sim/initial_world.h"
#include "sim/series_recorder.h"
#include "stats/year_snapshot.h"

namespace hubsim {

namespace {

class Replication {
 public:
  Replication(const Scenario& scenario, int replication, const ReplicationOptions& options)
      : scenario_(scenario),
        options_(options),
        calendar_(scenario.calendar()),
        ctx_{scenario,
             scenario.params,
             calendar_,
             StreamKey::derive(scenario.info.seed, uint64_t(replication)),
             scenario.info.scale,
             0} {
    result_.replication = replication;
    result_.series = make_run_series(scenario, calendar_.n_steps());
    schedule_events();
  }

  ReplicationResult run() {
    const auto started = std::chrono::steady_clock::now();
    world_ = build_initial_world(ctx_, sums_);
    for (size_t m = 0; m < world_.models.size(); ++m) models_full_scale_ += model_weight(m);
    SeriesRecorder recorder(result_.series);
    for (int t = 0; t < calendar_.n_steps(); ++t) {
      ctx_.step = t;
      const size_t models_before = world_.models.size();
      const size_t datasets_before = world_.datasets.size();
      step(t);
      if (options_.max_models > 0 && models_full_scale_ > options_.max_models)
        throw RunLimitExceeded("the hub grew past " + std::to_string(int64_t(options_.max_models)) +
                               " models (full scale) in the step of " +
                               format_date(civil_from_days(calendar_.step_start_day(t))));
      result_.model_steps += world_.models.size();
      recorder.record(world_, ctx_, models_before, datasets_before, allocation_, totals_);
      if (calendar_.is_last_step_of_year(t)) end_year(calendar_.year_of_step(t));
      if (options_.on_step) options_.on_step(t + 1, calendar_.n_steps());
    }
    StatisticsInput in{world_, scenario_, calendar_, ctx_.scale, result_.series, snapshots_};
    result_.stats = compute_statistics(in);
    if (options_.keep_model_table) result_.models = snapshot_models();
    result_.peak_models = world_.models.size();
    result_.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return std::move(result_);
  }

 private:
  void schedule_events() {
    events_by_step_.resize(size_t(calendar_.n_steps()));
    ends_by_step_.resize(size_t(calendar_.n_steps()));
    if (!scenario_.params.mechanisms.events) return;
    for (const auto& e : scenario_.events) {
      const int s = std::max(0, step_containing(calendar_, e->date()));
      if (s < calendar_.n_steps()) events_by_step_[size_t(s)].push_back(e.get());
      if (!e->until()) continue;
      const Date lifted = civil_from_days(days_from_civil(*e->until()) + 1);
      const int end = std::max(s + 1, step_containing(calendar_, lifted));
      if (end < calendar_.n_steps()) ends_by_step_[size_t(end)].push_back(e.get());
    }
  }

  void step(int t) {
    const size_t models_before = world_.models.size();
    for (const Event* e : ends_by_step_[size_t(t)]) e->end(world_, ctx_);
    for (const Event* e : events_by_step_[size_t(t)]) e->apply(world_, ctx_);
    retire_publishers(world_, ctx_);
    grow_users(world_, ctx_);
    upgrade_hardware(world_, ctx_);
    add_creators(world_, ctx_);
    add_organisations(world_, ctx_);
    release_named_families(world_, ctx_);
    release_generated_base_models(world_, ctx_);
    create_derivatives(world_, ctx_, sampler_);
    publish_datasets(world_, ctx_);

    // Models released this step enter the attention sums at full fresh attention.
    const DownloadPassSettings s = DownloadPassSettings::from(ctx_);
    const ModelTable& models = world_.models;
    for (size_t m = models_before; m < models.size(); ++m) {
      const double w = model_weight(m);
      models_full_scale_ += w;
      const double a = w * model_attention(models, m, s.residual);
      sums_.attention[models.cell[m]] += a;
      if (!s.cumulative_advantage)
        sums_.popularity[size_t(world_.layout.pair_of(models.cell[m]))] += a;
    }
    allocation_ = allocate_demand(world_, ctx_, sums_.attention, sums_.popularity);
    pass_.run(world_, ctx_, allocation_, sums_, sampler_, totals_);
  }

  // Real models a simulated model stands for (named ones 1, generated ones 1 / scale).
  double model_weight(size_t m) const {
    return world_.models.represents_one(m) ? 1.0 : 1.0 / ctx_.scale;
  }

  void end_year(int year) {
    snapshots_.push_back(take_year_snapshot(world_, ctx_, year));
    if (options_.keep_model_table) {
      years_.push_back(year);
      downloads_by_year_.push_back(world_.models.downloads_year);
    }
    ModelTable& models = world_.models;
    for_each_block(models.size(), [&](size_t, size_t begin, size_t end) {
      std::fill(models.downloads_year.begin() + std::ptrdiff_t(begin),
                models.downloads_year.begin() + std::ptrdiff_t(end), 0);
      std::fill(models.downloads_last_30_days.begin() + std::ptrdiff_t(begin),
                models.downloads_last_30_days.begin() + std::ptrdiff_t(end), 0u);
    });
    // Long runs of Fenwick updates accumulate rounding; rebuild once a year.
    world_.publishers.base_tree.rebuild();
    world_.publishers.derivative_tree.rebuild();
  }

  ModelTableSnapshot snapshot_models() const {
    const ModelTable& m = world_.models;
    ModelTableSnapshot s;
    s.parent = m.parent;
    s.family = m.family;
    s.publisher = m.publisher;
    s.publisher_type = m.publisher_type;
    s.region = m.region;
    s.kind = m.kind;
    s.task = m.task;
    s.params = m.params;
    s.downloads_total = m.downloads_total;
    s.release_day.resize(m.size());
    s.represents.resize(m.size());
    for (size_t i = 0; i < m.size(); ++i) {
      s.release_day[i] = int32_t(calendar_.step_start_day(m.release_step[i]));
      s.represents[i] = m.represents_one(i) ? 1.0f : float(1.0 / ctx_.scale);
    }
    s.years = years_;
    const size_t y = years_.size();
    s.downloads_by_year.assign(m.size() * y, 0);
    for (size_t k = 0; k < y; ++k) {
      const auto& col = downloads_by_year_[k];
      for (size_t i = 0; i < col.size(); ++i) s.downloads_by_year[i * y + k] = col[i];
    }
    const FamilyTable& f = world_.families;
    const PublisherTable& p = world_.publishers;
    s.publisher_names.resize(p.size());
    s.publisher_table_type = p.type;
    s.publisher_table_region = p.region;
    for (size_t i = 0; i < p.size(); ++i) {
      s.publisher_names[i] =
          p.named_index[i] >= 0 ? scenario_.named_publishers[size_t(p.named_index[i])].name
                                : std::string(kPublisherTypeNames[p.type[i]]) + "-" +
                                      scenario_.regions[p.region[i]].name + "-" + std::to_string(i);
    }
    s.family_names.resize(f.size());
    for (size_t i = 0; i < f.size(); ++i)
      s.family_names[i] =
          f.name[i].empty() ? s.publisher_names[size_t(f.owner[i])] + "/family-" + std::to_string(i)
                            : f.name[i];
    return s;
  }

  const Scenario& scenario_;
  const ReplicationOptions& options_;
  Calendar calendar_;
  Context ctx_;
  World world_;
  AttentionSums sums_;
  ParentSampler sampler_;
  DownloadPass pass_;
  DemandAllocation allocation_;
  DownloadTotals totals_;
  std::vector<std::vector<const Event*>> events_by_step_;
  std::vector<std::vector<const Event*>> ends_by_step_;  // levers lifted at a step
  std::vector<YearSnapshot> snapshots_;
  std::vector<int> years_;
  std::vector<std::vector<uint64_t>> downloads_by_year_;
  ReplicationResult result_;
  double models_full_scale_ = 0;  // models on the hub in full-scale units
};

}  // namespace

ReplicationResult run_replication(const Scenario& scenario, int replication,
                                  const ReplicationOptions& options) {
  return Replication(scenario, replication, options).run();
}

}  // namespace hubsim
