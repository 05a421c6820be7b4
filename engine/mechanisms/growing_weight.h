#pragma once
// A weight that grows exponentially from the window's start, with an optional surge phase from
// a date on: share * exp(growth * years) * exp(surge_growth * years since surge_from). Used for
// task demand, task releases and dataset categories.
#include <optional>

#include "mechanisms/context.h"

namespace hubsim {

double growing_weight(const Context& ctx, double share, double growth_per_year,
                      const std::optional<Date>& surge_from, double surge_growth_per_year);

}  // namespace hubsim
