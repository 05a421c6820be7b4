#include "progress.h"

#include <unistd.h>

#include <cstdio>

namespace hubsim::cli {

bool stderr_is_terminal() {
  return isatty(STDERR_FILENO) == 1;
}

Progress::Progress(std::string label, bool enabled)
    : label_(std::move(label)),
      enabled_(enabled && stderr_is_terminal()),
      start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  finish();
}

void Progress::update(long done, long total, const std::string& detail) {
  if (!enabled_) return;
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double fraction = total > 0 ? double(done) / double(total) : 0.0;
  char eta[32] = "";
  if (fraction > 0.02 && done < total)
    std::snprintf(eta, sizeof eta, ", ETA %.0f s", elapsed * (1 - fraction) / fraction);
  std::fprintf(stderr, "\r\033[K%s %5.1f%% (%ld/%ld)%s, %.1f s elapsed%s", label_.c_str(),
               100.0 * fraction, done, total, detail.empty() ? "" : (" " + detail).c_str(), elapsed,
               eta);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::restart_clock() {
  std::lock_guard lock(mutex_);
  start_ = std::chrono::steady_clock::now();
}

void Progress::finish() {
  if (!enabled_ || !drawn_) return;
  std::lock_guard lock(mutex_);
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace hubsim::cli
