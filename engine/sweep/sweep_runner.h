#pragma once
// Running a sweep: experiments spread over the TBB threads of this process and, when started by
// mpirun, over MPI ranks with dynamic load balancing (rank 0 hands out experiment indices on
// request, records results and writes the file; every rank runs experiments on its own TBB
// threads). Every finished experiment is recorded in a journal (journal.h) before anything
// else happens, so a sweep killed at any point resumes with --resume, redoing only what was in
// flight. Results never depend on threads, ranks, shards or interruptions: experiment e,
// replication r always uses the same random streams.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sweep/sensitivity.h"
#include "sweep/shard.h"
#include "sweep/sweep_file.h"
#include "sweep/sweep_plan.h"

namespace hubsim::sweep {

struct SweepProgress {
  int64_t done = 0;     // finished experiments of this shard, including resumed ones
  int64_t total = 0;    // experiments of this shard
  int64_t resumed = 0;  // found in the journal at the start
  int64_t failed = 0;
  double elapsed = 0;  // seconds since this run started
};

struct RunOptions {
  std::string out;
  bool resume = false;
  int threads = 1;  // worker threads of each process
  Shard shard;
  std::string command_line;
  std::vector<std::string> overrides;  // "key=value", recorded in the file
  // Called on the writing process's main thread (rank 0) as experiments finish.
  std::function<void(const SweepProgress&)> on_progress;
};

struct RunOutcome {
  bool writer = false;            // this process wrote the output (rank 0)
  bool already_complete = false;  // --resume found the output finished and nothing to do
  int ranks = 1;
  int64_t resumed = 0, ran = 0, failed = 0;
  size_t journal_dropped_bytes = 0;  // a torn record cut off the journal when resuming
  double wall_seconds = 0;
  SweepData data;  // writer only
  std::vector<OutcomeSensitivity> sensitivity;
};

std::string journal_path(const std::string& out);
// Checks made before any work (on every rank, before MPI starts): the output's directory is
// writable, and without --resume no journal of an interrupted sweep is in the way. Throws
// InputError.
void check_output(const std::string& out, bool resume);
// Under an MPI launcher this initialises and finalises MPI; an error on any rank aborts the job
// (exit code 2 for bad input, 1 otherwise).
RunOutcome run_sweep(const SweepPlan& plan, const RunOptions& options);

}  // namespace hubsim::sweep
