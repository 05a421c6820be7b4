#pragma once
// What `hubsim sweep` and `hubsim merge` print: a progress line on a terminal (done / total,
// rate, ETA), the summary of a finished sweep and its sensitivity table.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "sweep/sweep_runner.h"

namespace hubsim::cli {

class SweepProgressLine {
 public:
  SweepProgressLine(std::string label, bool enabled);
  ~SweepProgressLine();
  void update(const sweep::SweepProgress& p);
  void finish();

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

// "3m52s", "1h04m", "12.3s".
std::string format_duration(double seconds);
void print_sensitivity(std::FILE* out, const sweep::SweepData& data,
                       const std::vector<sweep::OutcomeSensitivity>& sensitivity);
// One "warning: ..." line on stderr per unstable outcome and per failed experiment count.
void print_sweep_warnings(const sweep::SweepData& data,
                          const std::vector<sweep::OutcomeSensitivity>& sensitivity);

}  // namespace hubsim::cli
