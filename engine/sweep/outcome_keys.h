#pragma once
// The statistic keys a scenario can produce: every pattern of statistic_definitions() with its
// placeholders (<year>, <region>, <type>, <family>, <publisher>) expanded over the scenario's
// window, regions, publisher types, reported families and reported publishers. Sweep files name
// their outcomes from this set; a key can still be missing from a replication when its data are
// absent (e.g. no eligible model in a year), and is then NaN there.
#include <set>
#include <string>

#include "scenario/scenario.h"

namespace hubsim::sweep {

std::set<std::string> possible_statistic_keys(const Scenario& scenario);

}  // namespace hubsim::sweep
