#pragma once
// CMA-ES (Hansen 2016, "The CMA Evolution Strategy: A Tutorial"), (mu/mu_w, lambda) with
// rank-one and rank-mu updates, in the unit cube: candidates outside [0, 1] are mirrored back
// in and the mirrored point is used for the update. All randomness comes from counter-based
// streams keyed by (key, generation, candidate), and the whole state is a few vectors and one
// matrix, so a checkpointed state resumes exactly.
#include <Eigen/Dense>

#include <vector>

#include "core/counter_rng.h"

namespace hubsim::calibration {

struct CmaState {
  Eigen::VectorXd mean;
  double sigma = 0.25;
  Eigen::MatrixXd C;
  Eigen::VectorXd pc, ps;
  int generation = 0;
};

class CmaEs {
 public:
  CmaEs(int dimension, int lambda);

  static int default_lambda(int dimension);
  CmaState initial_state(const Eigen::VectorXd& x0, double sigma0) const;

  // The lambda candidates of state.generation (a pure function of key and state).
  std::vector<Eigen::VectorXd> ask(const CmaState& state, StreamKey key) const;
  // Updates the state with the candidates' objective values (lower is better; NaN = worst).
  void tell(CmaState& state, const std::vector<Eigen::VectorXd>& candidates,
            const std::vector<double>& values) const;

  // sigma times the largest standard deviation of the search distribution.
  static double spread(const CmaState& state);
  int lambda() const { return lambda_; }
  int dimension() const { return n_; }

 private:
  int n_, lambda_, mu_;
  Eigen::VectorXd weights_;
  double mueff_, cc_, cs_, c1_, cmu_, damps_, chin_;
};

// Mirrors x into [0, 1] (periodic reflection at both bounds).
double mirror_into_unit(double x);

}  // namespace hubsim::calibration
