#include "sweep/sweep_runner.h"

#include <tbb/global_control.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>

#include "core/errors.h"
#include "io/atomic_output.h"
#include "sweep/journal.h"
#include "sweep/mpi_comm.h"
#include "sweep/result_codec.h"
#include "sweep/worker_pool.h"

namespace hubsim::sweep {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Messages between rank 0 (coordinator) and the other ranks (workers).
enum Tag : int {
  kRequest = 1,  // worker -> 0: int32 number of experiments it can take now
  kAssign = 2,   // 0 -> worker: int64 experiment indices; none = no work is left
  kResult = 3,   // worker -> 0: an encoded ExperimentResult
  kStop = 4,     // 0 -> worker: every experiment is recorded; finish
  kBye = 5,      // worker -> 0: finished (all its earlier messages have arrived)
};

// How long the main thread waits for a result before polling MPI again, and between progress
// redraws when alone.
constexpr milliseconds kMpiPoll{2};
constexpr milliseconds kLocalPoll{200};

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string encode_indices(const std::vector<int64_t>& v) {
  ByteWriter w;
  for (int64_t e : v) w.put(e);
  return w.take();
}

std::vector<int64_t> decode_indices(const std::string& bytes) {
  std::vector<int64_t> v(bytes.size() / sizeof(int64_t));
  if (!v.empty()) std::memcpy(v.data(), bytes.data(), v.size() * sizeof(int64_t));
  return v;
}

class Coordinator {
 public:
  Coordinator(const SweepPlan& plan, const RunOptions& o, const MpiSession* mpi)
      : plan_(plan), o_(o), mpi_(mpi), started_(Clock::now()) {}

  RunOutcome run() {
    RunOutcome out;
    out.writer = true;
    out.ranks = mpi_ ? mpi_->size() : 1;
    const int64_t total_all = int64_t(plan_.experiments());
    const std::vector<int64_t> mine = o_.shard.experiments(total_all);
    total_ = int64_t(mine.size());
    std::error_code ec;
    if (o_.resume && !std::filesystem::exists(journal_path(o_.out), ec) &&
        sweep_file_identity(o_.out) == plan_.fingerprint + " " + o_.shard.text()) {
      stop_workers();
      out.already_complete = true;
      return out;
    }
    Journal journal(journal_path(o_.out),
                    {plan_.fingerprint, o_.shard.text(), uint64_t(total_all)});
    journal_ = &journal;
    for (const auto& r : journal.recovered()) {
      if (r.status == ExperimentStatus::kFailed) ++failed_;
      results_.emplace(r.experiment, r);
    }
    out.resumed = int64_t(results_.size());
    out.journal_dropped_bytes = journal.dropped_bytes();
    resumed_ = out.resumed;
    for (int64_t e : mine)
      if (!results_.count(e)) pending_.push_back(e);

    {
      WorkerPool pool(plan_, o_.threads);
      report();
      while (int64_t(results_.size()) < total_) {
        while (pool.free_slots() > 0 && !pending_.empty()) {
          pool.submit(pending_.front());
          pending_.pop_front();
        }
        std::vector<ExperimentResult> finished;
        pool.wait(finished, mpi_ ? kMpiPoll : kLocalPoll);
        for (auto& r : finished) record(std::move(r));
        if (mpi_) serve_messages();
        report();
      }
    }
    stop_workers();

    std::vector<int64_t> ids;
    std::vector<ExperimentResult> rows;
    for (auto& [e, r] : results_) {
      ids.push_back(e);
      rows.push_back(std::move(r));
    }
    SweepFileMeta meta = sweep_meta(plan_);
    meta.shard_index = o_.shard.index;
    meta.shard_count = o_.shard.count;
    meta.command_line = o_.command_line;
    meta.overrides = o_.overrides;
    meta.threads = o_.threads;
    meta.ranks = out.ranks;
    meta.wall_seconds = seconds_since(started_);
    out.data = sweep_data(plan_, std::move(meta), std::move(ids), std::move(rows));
    out.sensitivity = analyse(out.data);
    write_sweep_file(o_.out, out.data, out.sensitivity);
    journal.remove();
    journal_ = nullptr;
    out.ran = ran_;
    out.failed = failed_;
    out.wall_seconds = seconds_since(started_);
    return out;
  }

 private:
  void record(ExperimentResult r) {
    if (r.experiment < 0 || !o_.shard.contains(r.experiment) || results_.count(r.experiment) ||
        r.experiment >= int64_t(plan_.experiments()))
      throw std::runtime_error("sweep: unexpected result for experiment " +
                               std::to_string(r.experiment));
    journal_->append(r);  // durable before it counts as done
    if (r.status == ExperimentStatus::kFailed) ++failed_;
    ++ran_;
    results_.emplace(r.experiment, std::move(r));
  }

  void serve_messages() {
    while (auto m = mpi_->poll()) {
      if (m->tag == kRequest) {
        int32_t want = 0;
        ByteReader(m->bytes).get(want);
        std::vector<int64_t> give;
        while (int32_t(give.size()) < want && !pending_.empty()) {
          give.push_back(pending_.front());
          pending_.pop_front();
        }
        mpi_->send(m->source, kAssign, encode_indices(give));
      } else if (m->tag == kResult) {
        auto r = decode_result(m->bytes);
        if (!r)
          throw std::runtime_error("sweep: malformed result from rank " +
                                   std::to_string(m->source));
        record(std::move(*r));
      } else {
        throw std::runtime_error("sweep: unexpected message tag " + std::to_string(m->tag) +
                                 " from rank " + std::to_string(m->source));
      }
    }
  }

  // Tells every worker to finish and waits until each has said goodbye, so that no message is
  // left in flight when MPI is finalised.
  void stop_workers() {
    if (!mpi_) return;
    for (int r = 1; r < mpi_->size(); ++r) mpi_->send(r, kStop, "");
    int remaining = mpi_->size() - 1;
    while (remaining > 0) {
      if (auto m = mpi_->poll()) {
        if (m->tag == kBye) --remaining;  // earlier requests are moot; results cannot be pending
      } else {
        std::this_thread::sleep_for(kMpiPoll);
      }
    }
  }

  void report() {
    if (!o_.on_progress) return;
    SweepProgress p;
    p.done = int64_t(results_.size());
    p.total = total_;
    p.resumed = resumed_;
    p.failed = failed_;
    p.elapsed = seconds_since(started_);
    o_.on_progress(p);
  }

  const SweepPlan& plan_;
  const RunOptions& o_;
  const MpiSession* mpi_;
  Clock::time_point started_;
  Journal* journal_ = nullptr;
  std::map<int64_t, ExperimentResult> results_;
  std::deque<int64_t> pending_;
  int64_t total_ = 0, resumed_ = 0, ran_ = 0, failed_ = 0;
};

void work(const SweepPlan& plan, const RunOptions& o, const MpiSession& mpi) {
  WorkerPool pool(plan, o.threads);
  bool requested = false, exhausted = false;
  while (true) {
    if (!requested && !exhausted && pool.free_slots() > 0) {
      ByteWriter w;
      w.put(int32_t(pool.free_slots()));
      mpi.send(0, kRequest, w.take());
      requested = true;
    }
    std::vector<ExperimentResult> finished;
    pool.wait(finished, kMpiPoll);
    for (const auto& r : finished) mpi.send(0, kResult, encode_result(r));
    while (auto m = mpi.poll()) {
      if (m->tag == kAssign) {
        requested = false;
        const std::vector<int64_t> give = decode_indices(m->bytes);
        if (give.empty()) exhausted = true;
        for (int64_t e : give) pool.submit(e);
      } else if (m->tag == kStop) {
        mpi.send(0, kBye, "");
        return;
      }
    }
  }
}

}  // namespace

std::string journal_path(const std::string& out) {
  return out + ".journal";
}

void check_output(const std::string& out, bool resume) {
  try {
    io::require_writable_parent_directory(out);
  } catch (const OutputError& e) {
    throw InputError("command line", "--out", "\"" + out + "\"", e.what());
  }
  std::error_code ec;
  if (std::filesystem::is_directory(out, ec))
    throw InputError("command line", "--out", "\"" + out + "\"", "a file name, not a directory");
  if (std::filesystem::is_directory(journal_path(out), ec))
    throw InputError("command line", "--out", "\"" + out + "\"",
                     "an output whose journal name " + journal_path(out) + " is not a directory");
  if (!resume && std::filesystem::exists(journal_path(out), ec))
    throw InputError("command line", "--out", "\"" + out + "\"",
                     "an output without a journal: " + journal_path(out) +
                         " holds an interrupted sweep; continue it with --resume, or delete the "
                         "journal to start over");
}

RunOutcome run_sweep(const SweepPlan& plan, const RunOptions& o) {
  // The pool's `threads` workers plus the coordinating main thread.
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, size_t(o.threads) + 1);
  if (!launched_by_mpi()) return Coordinator(plan, o, nullptr).run();
  MpiSession mpi;
  try {
    if (mpi.rank() == 0) return Coordinator(plan, o, &mpi).run();
    work(plan, o, mpi);
    RunOutcome out;
    out.ranks = mpi.size();
    return out;
  } catch (const InputError& e) {
    std::fprintf(stderr, "hubsim: error (rank %d): %s\n", mpi.rank(), e.what());
    mpi.abort(2);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hubsim: failed (rank %d): %s\n", mpi.rank(), e.what());
    mpi.abort(1);
  }
}

}  // namespace hubsim::sweep
