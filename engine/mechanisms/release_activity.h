#pragma once
// The hub-wide activity of generated publishers: their release rates (base models and
// derivatives) are multiplied by `releases.early_factor` before the boom and by 1 from
// `releases.boom_year` on, rising log-linearly over `releases.boom_ramp_years` in between.
// The published model counts grow 4x from 2022 to 2023 and about 2x a year afterwards: a jump
// that no smooth growth of users and upload rates gives.
#include "mechanisms/context.h"

namespace hubsim {

// The factor at a decimal year (2023.0 = 2023-01-01).
double release_activity_factor(const Parameters& p, double decimal_year);

// The factor in the current step (at its midpoint).
double release_activity_factor(const Context& ctx);

}  // namespace hubsim
