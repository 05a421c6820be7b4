#include "sweep/worker_pool.h"

namespace hubsim::sweep {

// No slot is reserved for the calling thread: all `threads` slots go to TBB workers.
WorkerPool::WorkerPool(const SweepPlan& plan, int threads)
    : plan_(plan), threads_(threads), arena_(threads, 0) {}

WorkerPool::~WorkerPool() {
  std::unique_lock lock(mutex_);
  ready_.wait(lock, [&] { return in_flight_ == 0; });
}

size_t WorkerPool::in_flight() const {
  std::lock_guard lock(mutex_);
  return in_flight_;
}

size_t WorkerPool::free_slots() const {
  std::lock_guard lock(mutex_);
  return in_flight_ < size_t(threads_) ? size_t(threads_) - in_flight_ : 0;
}

void WorkerPool::submit(int64_t experiment) {
  {
    std::lock_guard lock(mutex_);
    ++in_flight_;
  }
  arena_.enqueue([this, experiment] {
    ExperimentResult r = run_experiment(plan_, size_t(experiment));
    std::lock_guard lock(mutex_);
    done_.push_back(std::move(r));
    --in_flight_;
    ready_.notify_all();
  });
}

void WorkerPool::wait(std::vector<ExperimentResult>& out, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (done_.empty()) ready_.wait_for(lock, timeout, [&] { return !done_.empty(); });
  while (!done_.empty()) {
    out.push_back(std::move(done_.front()));
    done_.pop_front();
  }
}

}  // namespace hubsim::sweep
