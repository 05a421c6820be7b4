// Parameter recovery at small scale: targets made by the engine at known values are calibrated
// back through the whole pipeline (pilot, screening, CMA-ES, ABC-SMC, report). Tagged
// [recovery]: about a minute or two on two cores.
#include <catch2/catch.hpp>

#include <cmath>

#include "calibration/calibrate.h"
#include "calibration/evaluator.h"
#include "calibration/recovery.h"
#include "support/test_scenarios.h"

using namespace hubsim;
using namespace hubsim::calibration;

namespace {

// Three parameters with clear effects on their targets, and one (the merge share of
// derivatives) that none of these targets responds to: the screening must fix it.
const char* kFree = R"(
[[parameter]]
name = "users.growth_per_year"
bounds = [0.4, 0.9]
reason = "users"
[[parameter]]
name = "creators.propensity_per_year"
bounds = [0.004, 0.03]
prior = "log-uniform"
reason = "models"
[[parameter]]
name = "datasets.per_user_per_year"
bounds = [0.01, 0.05]
prior = "log-uniform"
reason = "datasets"
[[parameter]]
name = "derivation.merge_share"
bounds = [0.0, 0.3]
reason = "inert for these targets"
)";

const char* kTargets = R"(
[[target]]
stat = "users_total_2024"
range = [6.3e6, 7.7e6]
[[target]]
stat = "users_total_2025"
range = [11e6, 13e6]
[[target]]
stat = "models_total_2024"
range = [950e3, 1150e3]
transform = "log"
[[target]]
stat = "models_total_2025"
range = [1.9e6, 2.3e6]
transform = "log"
[[target]]
stat = "datasets_total_2024"
range = [225e3, 275e3]
[[target]]
stat = "datasets_total_2025"
range = [450e3, 550e3]
[[target]]
stat = "datasets_robotics_2025"
range = [23000, 31000]
role = "check"
)";

}  // namespace

TEST_CASE("recovery: a small calibration recovers known parameters", "[recovery][slow]") {
  const Scenario& sc = test::baseline();
  const FreeParameterSet free = load_free_parameters_text(kFree, "free.toml");
  const TargetSet real = load_targets_text(kTargets, "targets.toml");
  Eigen::VectorXd truth(4);
  truth << 0.72, 0.018, 0.03, 0.05;
  const double scale = 0.002;

  const MomentSet moments = make_moment_set(real);
  const Evaluator ev(sc, free, moments.all_keys(), "targets.toml");
  const Eigen::MatrixXd reps = ev.run({truth}, kTruthFirstReplication, 8, scale)[0];
  const TargetSet synthetic = load_targets_text(
      synthetic_targets_toml(real, reps, moments.all_keys(), "test truth"), "synthetic.toml");

  CalibrationOptions o;
  o.scale = scale;
  o.replications = 2;
  o.pilot_replications = 8;
  o.screening_trajectories = 4;
  o.screening_replications = 1;
  o.particles = 24;
  o.batch = 12;
  o.max_posterior_generations = 5;
  o.report_replications = 4;
  o.predictive_draws = 8;
  o.search_share = 0.25;
  o.budget_runs = 700;
  const CalibrationResult r = run_calibration(sc, synthetic, free, o);

  // The screening keeps the three parameters that matter and fixes the inert one.
  CHECK(r.active == std::vector<int>{0, 1, 2});
  const auto rows = recovery_rows(r, free, truth);
  for (size_t i = 0; i < 3; ++i) {
    const RecoveryRow& row = rows[i];
    INFO(row.name << ": truth " << row.truth << ", median " << row.median << " [" << row.q05 << ", "
                  << row.q95 << "]");
    CHECK(row.calibrated);
    CHECK(row.covered);
    const FreeParameter& p = free.params[i];
    // In unit coordinates (log for log-uniform priors): near the truth, and much narrower than
    // the prior.
    CHECK(std::fabs(p.to_unit(row.median) - p.to_unit(row.truth)) < 0.2);
    CHECK(p.to_unit(row.q95) - p.to_unit(row.q05) < 0.6);
  }
  CHECK_FALSE(rows[3].calibrated);
  CHECK(r.state.runs_done <= o.budget_runs);
  CHECK(r.posterior_weights.sum() == Approx(1.0));
}

// One small calibration for two properties, since each end-to-end calibration takes minutes
// in the sanitizer stage (that inert parameters are fixed without --keep-inert is checked by
// the [slow] recovery above).
TEST_CASE(
    "recovery: the screening sees effects beyond the deviation cap, and --keep-inert "
    "calibrates a parameter it finds inert",
    "[calibration]") {
  const Scenario& sc = test::baseline();
  const FreeParameterSet free = load_free_parameters_text(kFree, "free.toml");
  const TargetSet real = load_targets_text(kTargets, "targets.toml");
  CalibrationOptions o;
  o.scale = 0.002;
  o.replications = 2;
  o.pilot_replications = 4;
  o.screening_trajectories = 2;
  o.screening_replications = 1;
  o.particles = 8;
  o.batch = 8;
  o.max_search_generations = 1;
  o.max_posterior_generations = 1;
  o.report_replications = 2;
  o.predictive_draws = 2;
  // With a cap of 0.001 half-ranges nearly every capped deviation is +-0.001 wherever the
  // parameters are, so a screening of capped deviations would find every parameter inert.
  o.deviation_cap = 1e-3;
  o.keep_inert = true;
  o.budget_runs = 160;
  const CalibrationResult r = run_calibration(sc, real, free, o);
  // The screening finds the three parameters with effects, and judges the merge share inert...
  CHECK(r.screening.active == std::vector<bool>{true, true, true, false});
  // ...which is calibrated with the others all the same.
  CHECK(r.active == std::vector<int>{0, 1, 2, 3});
  CHECK(r.posterior_values.cols() == 4);
  const auto rows = recovery_rows(r, free, Eigen::Vector4d(0.72, 0.018, 0.03, 0.05));
  CHECK(rows[3].calibrated);
}
