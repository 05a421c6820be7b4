#pragma once
// The experiments of one process run on a TBB arena of `threads` worker threads, one
// experiment per thread, while the calling thread stays free to coordinate (journal, MPI
// messages, progress). Finished results are collected with wait().
#include <tbb/task_arena.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

#include "sweep/experiment.h"
#include "sweep/sweep_plan.h"

namespace hubsim::sweep {

class WorkerPool {
 public:
  // The process must allow threads + 1 TBB threads (tbb::global_control), see run_sweep().
  WorkerPool(const SweepPlan& plan, int threads);
  ~WorkerPool();  // waits for experiments still running
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int threads() const { return threads_; }
  size_t in_flight() const;
  size_t free_slots() const;
  void submit(int64_t experiment);
  // Moves finished results into `out`; waits up to `timeout` when none is ready yet.
  void wait(std::vector<ExperimentResult>& out, std::chrono::milliseconds timeout);

 private:
  const SweepPlan& plan_;
  int threads_;
  tbb::task_arena arena_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<ExperimentResult> done_;
  size_t in_flight_ = 0;
};

}  // namespace hubsim::sweep
