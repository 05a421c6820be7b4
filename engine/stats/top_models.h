#pragma once
// Which regions the most downloaded models of a year come from (a "trending list" view: e.g.
// how many Korean models are among the year's 100 most downloaded).
#include <vector>

#include "world/model_table.h"

namespace hubsim {

// Models developed in each region among the `n` most downloaded models by the year's downloads
// (ModelTable::downloads_year), counted on the represented population: a generated model
// stands for 1/scale models with its downloads, a named publisher's model for itself, so at
// scale < 1 the count of generated models moves in steps of 1/scale. Equal downloads are
// ordered by model id.
std::vector<double> top_models_by_region(const ModelTable& models, int regions, double scale,
                                         double n);

}  // namespace hubsim
