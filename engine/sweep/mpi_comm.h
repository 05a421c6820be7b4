#pragma once
// The few MPI operations a distributed sweep needs, over MPI_COMM_WORLD: byte messages with a
// tag, polled without blocking. Only the thread that created the MpiSession calls MPI
// (MPI_THREAD_FUNNELED); TBB worker threads never do.
#include <optional>
#include <string>

namespace hubsim::sweep {

// Whether this process was started by an MPI launcher (mpirun/mpiexec, or srun with PMI/PMIx).
// Without one, a sweep runs in this process alone and never initialises MPI.
bool launched_by_mpi();

class MpiSession {
 public:
  MpiSession();   // MPI_Init_thread(FUNNELED); throws std::runtime_error on failure
  ~MpiSession();  // MPI_Finalize
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }

  struct Message {
    int source = 0;
    int tag = 0;
    std::string bytes;
  };
  void send(int dest, int tag, const std::string& bytes) const;
  // A waiting message, if any (from any rank, any tag).
  std::optional<Message> poll() const;
  // Ends every process of the job with `code` (after a fatal error on one rank).
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace hubsim::sweep
