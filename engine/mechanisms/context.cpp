#include "mechanisms/context.h"

#include <cmath>

namespace hubsim {

double Context::probability_per_step(double per_year) const {
  if (per_year <= 0.0) return 0.0;
  if (per_year >= 1.0) return 1.0;
  return 1.0 - std::pow(1.0 - per_year, 1.0 / calendar.steps_per_year());
}

}  // namespace hubsim
