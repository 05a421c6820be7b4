// Outputs reconcile with each other: downloads by developer region, publisher type, kind, task
// and lineage origin all sum to the same total every step; flows by user region sum to the
// developer-region totals; cumulative models equal the initial stock plus releases.
#include <catch2/catch.hpp>

#include "sim/simulation.h"
#include "support/test_scenarios.h"

using namespace hubsim;

TEST_CASE("download totals reconcile across every breakdown", "[downloads][reconcile]") {
  const Scenario s = test::small_baseline(0.005, {2025, 6, 30});
  const ReplicationResult r = run_replication(s, 0);
  const SeriesTable& t = r.series;
  double grand_total = 0;
  for (int step = 0; step < t.n_steps(); ++step) {
    const double total = t.get("new_downloads").row(step)[0];
    grand_total += total;
    for (const char* name :
         {"new_downloads_by_region", "new_downloads_by_type", "new_downloads_by_kind",
          "new_downloads_by_task", "new_downloads_by_origin", "new_downloads_by_user_region",
          "new_downloads_by_user_origin"}) {
      INFO(name << " at step " << step);
      CHECK(test::row_sum(t.get(name), step) == Approx(total).epsilon(1e-9));
    }
    // Each developer region's total is split over user regions.
    const Series& flows = t.get("new_downloads_by_user_region");
    const Series& by_region = t.get("new_downloads_by_region");
    const size_t regions = by_region.width;
    for (size_t g = 0; g < regions; ++g) {
      double sum = 0;
      for (size_t u = 0; u < regions; ++u) sum += flows.row(step)[u * regions + g];
      CHECK(sum == Approx(by_region.row(step)[g]).epsilon(1e-9).margin(1e-6));
    }
  }
  CHECK(grand_total > 0);
}

TEST_CASE("cumulative models equal the initial stock plus every release",
          "[downloads][reconcile]") {
  const Scenario s = test::small_baseline(0.005, {2023, 6, 30});
  const ReplicationResult r = run_replication(s, 0);
  const SeriesTable& t = r.series;
  const int last = t.n_steps() - 1;
  double released = 0;
  for (int step = 1; step <= last; ++step) released += test::row_sum(t.get("new_models"), step);
  const double first = t.get("cum_models").row(0)[0];
  CHECK(t.get("cum_models").row(last)[0] == Approx(first + released).epsilon(1e-9));
  double by_region = 0;
  for (int step = 1; step <= last; ++step)
    by_region += test::row_sum(t.get("new_models_by_region"), step);
  CHECK(by_region == Approx(released).epsilon(1e-9));
  // The statistic at the year's end equals the running total at that step.
  for (const auto& st : r.stats)
    if (st.key == "models_total_2022") {
      const Calendar cal = s.calendar();
      int step = 0;
      while (!(cal.year_of_step(step) == 2022 && cal.is_last_step_of_year(step))) ++step;
      CHECK(st.value == Approx(t.get("cum_models").row(step)[0]).epsilon(1e-9));
    }
}
