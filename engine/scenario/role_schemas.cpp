#include "scenario/role_schemas.h"

namespace hubsim {

const Schema& uncertainty_schema() {
  static const Schema s{
      "[uncertainty]",
      "What is uncertain: ensembles (replications > 1) give every member its own parameter "
      "draw; a single run uses the point estimate (the posterior's weighted median, a range's "
      "midpoint). The file nearest to the scenario wins: a value in [parameters] overrides the "
      "uncertainty declared in the files it extends, and uncertainty declared in a file "
      "overrides the [parameters] of the files it extends; within one file [parameters] "
      "overrides the posterior, and a range may not repeat a [parameters] key.",
      {string_field("posterior", false,
                    "Posterior file written by `hubsim calibrate` (path relative to the file "
                    "that says it), e.g. \"../calibration/baseline-posterior.toml\"."),
       table_field("ranges", false,
                   "Parameters drawn uniformly between two values: [uncertainty.ranges] with "
                   "lines like `attention.mean_weeks = [4.0, 8.0]` (registry names; a range "
                   "replaces the posterior for its parameter)."),
       integer_field("replications_per_draw", 1, 1, 1000, "members",
                     "Consecutive ensemble members sharing one parameter draw (members = draws "
                     "x replications per draw).")}};
  return s;
}

const Schema& outcome_schema() {
  static const Schema s{
      "[[outcomes]]",
      "A named statistic by which scenarios are compared (`hubsim compare`), with the "
      "direction that is better. An extending scenario's [[outcomes]] replace the base's.",
      {string_field("statistic", true,
                    "Statistic key (outputs/STATISTICS.md), e.g. \"home_share_kr_2028\"."),
       choice_field("direction", {"higher_is_better", "lower_is_better"}, "",
                    "Which direction is better."),
       string_field("label", true,
                    "Plain-language name, e.g. \"KR-developed share of KR downloads in 2028\".")}};
  return s;
}

}  // namespace hubsim
