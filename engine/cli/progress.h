#pragma once
// A progress line on stderr, shown only when stderr is a terminal (never in logs or CI).
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

namespace hubsim::cli {

class Progress {
 public:
  explicit Progress(std::string label, bool enabled = true);
  ~Progress();
  // Thread-safe; redraws at most 5 times a second.
  void update(long done, long total, const std::string& detail = "");
  void finish();
  // Measures elapsed time and the ETA from now on (a new phase counted from zero).
  void restart_clock();

 private:
  std::string label_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  std::mutex mutex_;
  bool drawn_ = false;
};

bool stderr_is_terminal();

}  // namespace hubsim::cli
