#pragma once
// Everything a calibration has established so far: written to the checkpoint after every unit
// of work (pilot, screening trajectory batch, search generation, posterior batch) and read back
// by --resume. Together with the counter-based random streams (keyed by seed, stage,
// generation and candidate) it determines the rest of the run exactly, so a resumed
// calibration ends where an uninterrupted one would, bit for bit.
#include <Eigen/Dense>

#include <cmath>
#include <string>
#include <vector>

#include "abc_smc.h"
#include "cmaes.h"

namespace hubsim::calibration {

enum class Stage : int {
  kPilot = 0,      // replications at the scenario's own values: noise and the first weighting
  kScreening = 1,  // Morris elementary effects: which parameters move which targets
  kSearch = 2,     // CMA-ES on the MSM distance
  kReweight = 3,   // at the optimum: second-step weighting matrix and local sensitivities
  kPosterior = 4,  // ABC-SMC
  kReport = 5,     // runs at the posterior median and posterior predictive draws
  kDone = 6,
};

const char* stage_name(Stage stage);

struct SearchGeneration {
  int generation = 0;
  double best = 0;     // best distance among the generation's candidates
  double at_mean = 0;  // distance at the distribution's mean
  double spread = 0;   // sigma * largest sd, unit coordinates
  long runs_done = 0;  // simulation runs when the generation ended
};

struct PosteriorGeneration {
  int generation = 0;
  double epsilon = 0;
  long candidates = 0;  // generation 0: candidates evaluated; later: moves proposed
  long accepted = 0;    // generation 0: candidates kept; later: moves accepted
  double ess = 0;       // effective sample size of the weights
  double median_distance = 0;
  long runs_done = 0;
  int distinct = 0;  // distinct particles
};

struct CalibrationState {
  std::string fingerprint;  // of the inputs and options; --resume refuses a mismatch
  Stage stage = Stage::kPilot;
  long budget_runs = 0;
  double seconds_per_run = 0;  // measured during the pilot (informational)
  long runs_done = 0;

  // Pilot: replications (rows) x statistics (fit keys then check keys) at the start point.
  Eigen::MatrixXd pilot;
  Eigen::MatrixXd weighting_pilot;  // W from the pilot (half-range units)

  // Screening: standardised deviations by trajectory and point (rows = points).
  std::vector<Eigen::MatrixXd> screening_outputs;
  std::vector<int> active;  // indices of the free parameters kept (set when screening ends)

  // Search.
  CmaState cma;
  std::vector<SearchGeneration> search_history;
  Eigen::VectorXd search_best;  // active unit coordinates
  double search_best_distance = HUGE_VAL;
  int search_stall = 0;     // generations without a 0.1% improvement
  std::string search_stop;  // why the search ended

  // Reweighting at the optimum.
  Eigen::MatrixXd optimum_reps;
  Eigen::MatrixXd weighting;  // W used by the posterior stage
  // d z / d u at the optimum (fitted statistics x active parameters; half-ranges per unit
  // coordinate), by one-sided finite differences with common random numbers.
  Eigen::MatrixXd jacobian;

  // Posterior.
  int abc_generation = 0;
  AbcPopulation population;  // the last complete generation (empty before generation 0)
  // The running generation. Generation 0: the candidates accepted so far (rows). Later: the
  // resampled population as its moves have left it so far.
  Eigen::MatrixXd pending_particles;
  Eigen::VectorXd pending_distances;
  long pending_next_candidate = 0;  // generation 0: next candidate; later: next move
  long pending_candidates = 0;      // candidates evaluated / moves proposed
  long pending_accepted = 0;        // later generations: moves accepted
  std::vector<PosteriorGeneration> posterior_history;
  std::string posterior_stop;
};

}  // namespace hubsim::calibration
