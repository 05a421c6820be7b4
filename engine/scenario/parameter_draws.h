#pragma once
// The parameters of ensemble members, drawn from a scenario's [uncertainty]: draw d picks a
// posterior sample by weight and a uniform value in every range, from streams keyed by (seed,
// d) with Purpose::kPosteriorDraw. The same seed and draw index give the same posterior sample
// and the same uniform numbers in every scenario (common random numbers); a parameter's
// uniform number depends only on its registry position, not on the other ranges.
#include <vector>

#include "scenario/scenario.h"

namespace hubsim {

struct ParameterDraw {
  int draw = 0;
  int posterior_sample = -1;   // -1: the scenario has no posterior
  std::vector<double> values;  // of UncertaintySpec::drawn_names(), in that order
  Parameters params;           // the scenario's parameters with the drawn values
};

ParameterDraw draw_parameters(const Scenario& scenario, int draw);

}  // namespace hubsim
