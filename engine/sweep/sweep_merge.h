#pragma once
// Merging the shard files of one sweep (hubsim sweep --shard i/n) into the file an unsharded run
// would have written: same rows in the same order, same outcomes, sensitivity recomputed.
#include <string>
#include <vector>

#include "sweep/sweep_file.h"

namespace hubsim::sweep {

struct MergeOutcome {
  SweepData data;
  std::vector<OutcomeSensitivity> sensitivity;
};

// Reads the files, checks that they belong to the same sweep (fingerprint) and together hold
// every experiment exactly once, and writes `out` atomically. InputError for any mismatch.
MergeOutcome merge_sweep_files(const std::vector<std::string>& files, const std::string& out,
                               const std::string& command_line);

}  // namespace hubsim::sweep
