// The model limit: a run whose hub grows past max_models (full-scale models) stops with
// RunLimitExceeded, a limit that is never reached changes nothing, and the calibration's
// evaluator scores every replication of an exploded candidate as missing (NaN).
#include <catch2/catch.hpp>

#include <cmath>

#include "calibration/evaluator.h"
#include "core/errors.h"
#include "sim/simulation.h"
#include "support/test_scenarios.h"

using namespace hubsim;
using namespace hubsim::calibration;

namespace {

double stat(const ReplicationResult& r, const std::string& key) {
  for (const auto& s : r.stats)
    if (s.key == key) return s.value;
  FAIL("statistic " << key << " not produced");
  return 0;
}

const char* kFree = R"(
[[parameter]]
name = "creators.propensity_per_year"
bounds = [0.003, 0.05]
reason = "models"
)";

}  // namespace

TEST_CASE("a run stops past its model limit, and an unreached limit changes nothing",
          "[model_limit]") {
  const Scenario s = test::small_baseline(0.002, {2023, 12, 31});
  const ReplicationResult free_run = run_replication(s, 0);
  const double models = stat(free_run, "models_total_2023");
  REQUIRE(models > 100000);

  ReplicationOptions tight;
  tight.max_models = models / 2;
  CHECK_THROWS_AS(run_replication(s, 0, tight), RunLimitExceeded);

  ReplicationOptions loose;
  loose.max_models = models * 1.5;
  const ReplicationResult limited = run_replication(s, 0, loose);
  REQUIRE(limited.stats.size() == free_run.stats.size());
  for (size_t i = 0; i < limited.stats.size(); ++i) {
    INFO(limited.stats[i].key);
    const double x = limited.stats[i].value, y = free_run.stats[i].value;
    CHECK(((x == y) || (std::isnan(x) && std::isnan(y))));
  }
}

TEST_CASE("the evaluator scores an exploded candidate as missing every statistic",
          "[model_limit]") {
  const Scenario s = test::small_baseline(0.002, {2023, 12, 31});
  const FreeParameterSet free = load_free_parameters_text(kFree, "free.toml");
  const std::vector<std::string> keys = {"models_total_2023", "users_total_2023"};
  Eigen::VectorXd calm(1), explosive(1);
  calm << 0.006;
  explosive << 0.05;
  const Evaluator unlimited(s, free, keys, "targets.toml");
  const auto base = unlimited.run({calm, explosive}, 0, 2, 0.002);
  const double calm_models = base[0].col(0).maxCoeff(),
               explosive_models = base[1].col(0).minCoeff();
  REQUIRE(explosive_models > 2 * calm_models);

  // A limit between the two: the calm point is untouched, the explosive one is all NaN.
  const Evaluator limited(s, free, keys, "targets.toml", std::sqrt(calm_models * explosive_models));
  const auto r = limited.run({calm, explosive}, 0, 2, 0.002);
  CHECK(r[0] == base[0]);
  CHECK(r[1].array().isNaN().all());
}
