#pragma once
// Writes a comparison (`hubsim compare`) as one HDF5 file; the schema is in outputs/README.md
// ("Comparison files"). Written to a temporary name and renamed into place.
#include <string>
#include <vector>

#include "io/run_writer.h"
#include "scenario/scenario.h"
#include "sim/member_ensemble.h"
#include "stats/comparison.h"

namespace hubsim::io {

struct CompareMetadata {
  RunMetadata run;  // command line, overrides, threads, wall time
  uint64_t seed = 0;
  double scale = 1;
  int members = 0;
  int replications_per_draw = 1;
};

void write_compare_file(const std::string& path, const std::vector<const Scenario*>& scenarios,
                        const std::vector<MemberEnsemble>& ensembles,
                        const std::vector<OutcomeComparison>& outcomes,
                        const CompareMetadata& meta);

}  // namespace hubsim::io
