#pragma once
// Reading the role tables of a merged scenario document: [uncertainty] (with the posterior it
// names) and [[outcomes]]. Part of load_scenario(); errors are InputErrors naming file and line.
#include <toml++/toml.h>

#include <string>
#include <vector>

#include "scenario/scenario.h"

namespace hubsim {

// Reads [uncertainty] and [[outcomes]] into `s`, whose other parts are read already, and sets
// the point estimate of every uncertain parameter in s.params. `files` lists the files of the
// extends chain, the scenario's own first: a merged node's file tells how near to the scenario
// it was written, which decides between [parameters] values and uncertainty.
void read_roles(const toml::table& doc, const std::vector<std::string>& files, Scenario& s);

}  // namespace hubsim
