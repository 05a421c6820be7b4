#pragma once
// The calibration pipeline behind `hubsim calibrate`:
//   pilot      replications at the scenario's own values (noise, first weighting matrix),
//   screening  Morris elementary effects; parameters that move no fitted target are fixed,
//   search     CMA-ES on the method-of-simulated-moments distance,
//   reweight   at the optimum: the second-step weighting matrix and local sensitivities,
//   posterior  ABC-SMC with MCMC moves, started from the optimum (parameter uncertainty),
//   report     replications at the point estimate and posterior predictive draws.
// Every candidate runs the same replication indices (common random numbers); candidates and
// replications run in parallel on TBB. Stage decisions depend only on counts of simulation runs,
// never on the clock, so a checkpointed run resumes to the same result.
#include <Eigen/Dense>

#include <functional>
#include <string>
#include <vector>

#include "calibration_state.h"
#include "free_parameters.h"
#include "moments.h"
#include "morris.h"
#include "scenario/scenario.h"
#include "targets.h"

namespace hubsim::calibration {

struct CalibrationOptions {
  double scale = 0.01;             // scale of every calibration run
  int replications = 4;            // per candidate (search, posterior)
  int pilot_replications = 16;     // at the start point and at the optimum
  int screening_trajectories = 6;  // Morris trajectories
  int screening_replications = 2;  // per screening point
  double inert_threshold = 0.1;    // half-ranges of a target over a parameter's whole range
  // Keep the parameters the screening finds inert in the search and the posterior (they are
  // still reported): parameter recovery tests every free parameter's calibration this way.
  bool keep_inert = false;
  double initial_sigma = 0.3;  // CMA-ES step size, unit coordinates
  int search_lambda = 0;       // CMA-ES population (0: 4 + 3 ln d)
  double search_share = 0.4;   // share of the search+posterior budget the search may use
  int max_search_generations = 150;
  int search_patience = 10;  // generations without a 0.1% improvement before stopping
  int particles = 64;        // ABC-SMC population
  int batch = 16;            // ABC-SMC candidates evaluated together (not thread-bound)
  double prior_share = 0.3;  // defensive prior component of the first proposal
  // Widest sd (unit coordinates) of the first proposal's Gaussian in directions the targets do
  // not constrain: 1 = the prior's range; smaller concentrates generation 0 at the optimum.
  double proposal_sd = 1.0;
  // Generation 0: the tolerance is this quantile of its candidates' distances; later: the
  // particles within the next tolerance keep this share of the effective sample size.
  double quantile = 0.5;
  // ABC-SMC stops once fewer than this share of a generation's Metropolis-Hastings moves are
  // accepted (the population no longer mixes).
  double min_acceptance = 0.05;
  // Metropolis-Hastings moves per particle in a generation after the first: as many as make a
  // particle stay put with probability at most 0.2 at the last generation's acceptance rate,
  // within [mcmc_sweeps, max_mcmc_sweeps] (generation 1: mcmc_sweeps).
  int mcmc_sweeps = 3;
  int max_mcmc_sweeps = 8;
  int max_posterior_generations = 12;
  // ABC-SMC stops once its tolerance reaches this distance: 1 = the fitted statistics are, in
  // the weighted RMS, within their half-ranges (the ranges are the data's uncertainty; a smaller
  // tolerance would claim more precision than the published figures have).
  double target_tolerance = 1.0;
  // > 0: each fitted statistic's deviation counts at most this many half-ranges in the distance
  // (MomentSet::deviation_cap); 0: no cap.
  double deviation_cap = 0;
  double report_scale = 0;  // scale of the report runs (0: `scale`)
  int report_replications = 16;
  int predictive_draws = 32;
  long budget_runs = 0;        // > 0: the exact budget in simulation runs (deterministic)
  double budget_minutes = 60;  // otherwise: converted to runs from the pilot's timing
  // A candidate whose hub grows past this many models (full scale) is stopped and scored as
  // missing every target. 0: ten times the largest upper bound of the models_total_* targets
  // (no limit without such targets); negative: no limit.
  double max_models = 0;
  std::string checkpoint;  // checkpoint file ("" = none)
  bool resume = false;

  // The options that determine the result, as text (part of the checkpoint's fingerprint).
  std::string describe() const;
};

struct ProgressInfo {
  Stage stage = Stage::kPilot;
  int generation = 0;
  long runs_done = 0;
  long budget_runs = 0;      // 0 until known (after the pilot)
  long runs_at_start = 0;    // runs done before this process started (resume)
  double best_distance = 0;  // search: best so far; posterior: current tolerance
};

struct CalibrationCallbacks {
  std::function<void(const ProgressInfo&)> on_progress;  // from worker threads
  std::function<void(const std::string&)> on_log;        // one line per unit of work
};

struct CalibrationResult {
  CalibrationState state;
  MomentSet moments;
  std::vector<std::string> keys;  // fit keys then check keys (columns of the matrices below)
  Eigen::VectorXd start_values;   // every free parameter at the scenario's value (clamped)
  ScreeningResult screening;
  std::vector<int> active;             // free parameters calibrated (indices)
  Eigen::VectorXd search_best_values;  // every free parameter
  Eigen::MatrixXd posterior_values;    // particles x active parameters, natural units
  Eigen::VectorXd posterior_weights;
  // The point estimate: the posterior particle nearest the weighted median
  // (particle_nearest_median), its row in posterior_values, and every free parameter's value
  // there (inactive ones at start values).
  Eigen::Index point_particle = -1;
  Eigen::VectorXd point_values;
  double report_scale = 0;
  Eigen::MatrixXd point_reps;         // report replications x keys, at the point estimate
  Eigen::MatrixXd predictive_values;  // draws x active parameters
  Eigen::MatrixXd predictive_stats;   // draws x keys (one replication each)
  bool resumed = false;
  long report_runs = 0;
  double wall_seconds = 0;  // of this process
};

CalibrationResult run_calibration(const Scenario& scenario, const TargetSet& targets,
                                  const FreeParameterSet& free, const CalibrationOptions& options,
                                  const CalibrationCallbacks& callbacks = {});

// The model limit of the calibration runs (CalibrationOptions::max_models resolved; 0 = none).
double model_limit(const CalibrationOptions& o, const TargetSet& targets);
// The smallest budget (simulation runs) the options allow for d free parameters.
long minimum_budget_runs(const CalibrationOptions& options, int free_parameters);

// 64-bit FNV-1a of a text, as 16 hex digits.
std::string fingerprint_text(const std::string& text);

}  // namespace hubsim::calibration
