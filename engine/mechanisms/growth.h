#pragma once
// Growth: users arrive (by region and hardware tier) and upgrade their hardware; some users
// become independent creators; organisations of every type enter and, like creators, leave
// after a random lifetime.
#include "mechanisms/context.h"
#include "world/world.h"

namespace hubsim {

void grow_users(World& world, const Context& ctx);
void upgrade_hardware(World& world, const Context& ctx);
void add_creators(World& world, const Context& ctx);
void add_organisations(World& world, const Context& ctx);
void retire_publishers(World& world, const Context& ctx);

// log of the factor by which a creator entering `years` after the window's start uploads more
// than one entering at the start: the integral of a growth rate that changes linearly and stops
// at zero when it slows.
double creator_rate_log_growth(const Parameters& p, double years);

// The shift of the mean log appeal of a generated publisher of `type`:
// quality.public_research_log for academic, non-profit and government publishers, else 0.
double public_research_shift(const Parameters& p, PublisherType type);

// Creates one generated publisher of `type` in `region` entering at ctx.step (also used to
// build the initial population). `rng` supplies its traits.
int32_t add_generated_publisher(World& world, const Context& ctx, PublisherType type, int region,
                                bool quantizer, Stream& rng);

}  // namespace hubsim
