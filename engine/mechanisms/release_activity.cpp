#include "mechanisms/release_activity.h"

#include <cmath>

namespace hubsim {

double release_activity_factor(const Parameters& p, double decimal_year) {
  const double early = p.releases_early_factor;
  if (early == 1.0 || decimal_year >= p.releases_boom_year) return 1.0;
  const double ramp = p.releases_boom_ramp_years;
  const double before_boom = p.releases_boom_year - decimal_year;  // > 0
  if (ramp <= 0.0 || before_boom >= ramp) return early;
  return std::exp(std::log(early) * before_boom / ramp);
}

double release_activity_factor(const Context& ctx) {
  return release_activity_factor(ctx.params, decimal_year(ctx.calendar.step_mid_day(ctx.step)));
}

}  // namespace hubsim
