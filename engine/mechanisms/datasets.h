#pragma once
// Datasets: published by users and by active organisations; the category of each new dataset
// follows category shares that grow at their own rates (with an optional surge phase, e.g.
// robotics from 2024 on), so category counts and ranks can change over the years.
#include <vector>

#include "mechanisms/context.h"
#include "world/world.h"

namespace hubsim {

std::vector<double> dataset_category_weights(const Context& ctx);
void publish_datasets(World& world, const Context& ctx);

}  // namespace hubsim
