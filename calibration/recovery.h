#pragma once
// Parameter recovery: targets made by the engine itself at known parameter values ("truth"),
// calibrated back; per parameter the truth, the posterior median, the 90% interval and whether
// it covers the truth.
#include <Eigen/Dense>

#include <string>
#include <vector>

#include "calibrate.h"
#include "free_parameters.h"
#include "scenario/scenario.h"
#include "targets.h"

namespace hubsim::calibration {

// Replications used to make synthetic targets start here, far from the calibration's common
// replications 0, 1, ..., so the truth's noise is not the noise the candidates see.
inline constexpr int kTruthFirstReplication = 100000;

// A truth file: a [truth] table of registry name = value for some free parameters; the others
// take the scenario's values (clamped into their bounds). Throws InputError for names that are
// not free parameters and values outside the free bounds.
Eigen::VectorXd load_truth(const std::string& path, const FreeParameterSet& free,
                           const Parameters& scenario_params);
Eigen::VectorXd load_truth_text(const std::string& text, const std::string& name,
                                const FreeParameterSet& free, const Parameters& scenario_params);

// Targets centred on the engine's mean at the truth (reps: replications x all target keys, fit
// keys then check keys as in MomentSet::all_keys). Half-ranges keep each real target's relative
// width (at least 2 replication sds); log-transformed targets get a multiplicative range around
// the geometric mean, as wide in logs as the real one. Targets the truth does not produce are
// left out. Returns TOML text for load_targets_text.
std::string synthetic_targets_toml(const TargetSet& real, const Eigen::MatrixXd& reps,
                                   const std::vector<std::string>& keys, const std::string& about);

struct RecoveryRow {
  std::string name;
  double truth = 0;
  bool calibrated = false;  // false: screened out as inert and fixed at its start value
  double median = 0, q05 = 0, q95 = 0;
  bool covered = false;  // q05 <= truth <= q95 (calibrated parameters only)
};

std::vector<RecoveryRow> recovery_rows(const CalibrationResult& result,
                                       const FreeParameterSet& free, const Eigen::VectorXd& truth);

}  // namespace hubsim::calibration
