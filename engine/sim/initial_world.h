#pragma once
// The hub at the window's start: initial users, the named publishers and their families, the
// initial generated publishers and creators, and an initial stock of models released over the
// preceding history (so attention and popularity start in a realistic state).
#include "mechanisms/context.h"
#include "mechanisms/downloads.h"
#include "world/world.h"

namespace hubsim {

// ctx.step must be 0. Fills `sums` with the attention and popularity of the initial models.
World build_initial_world(const Context& ctx, AttentionSums& sums);

// Step containing a date (floor), possibly negative (before the window) or >= n_steps.
int step_containing(const Calendar& calendar, const Date& date);

}  // namespace hubsim
