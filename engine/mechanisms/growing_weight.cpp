#include "mechanisms/growing_weight.h"

#include <algorithm>
#include <cmath>

namespace hubsim {

double growing_weight(const Context& ctx, double share, double growth_per_year,
                      const std::optional<Date>& surge_from, double surge_growth_per_year) {
  double log_weight = std::log(share) + growth_per_year * ctx.years();
  if (surge_from) {
    const int64_t day = ctx.calendar.step_mid_day(std::max(0, ctx.step));
    const double surge_years = double(day - days_from_civil(*surge_from)) / 365.25;
    if (surge_years > 0) log_weight += surge_growth_per_year * surge_years;
  }
  return std::exp(log_weight);
}

}  // namespace hubsim
