#pragma once
// Summaries of paired effects (outcome with a lever or mechanism minus the outcome without it, one
// value per replication on common random numbers) for directional tests.
#include <vector>

namespace hubsim::test {

double mean(const std::vector<double>& v);
// Standard error of the mean of v (at least two values).
double standard_error(const std::vector<double>& v);

}  // namespace hubsim::test
