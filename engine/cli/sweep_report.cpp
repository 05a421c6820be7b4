#include "sweep_report.h"

#include <algorithm>
#include <cmath>

#include "progress.h"

namespace hubsim::cli {

std::string format_duration(double s) {
  char buf[32];
  if (!std::isfinite(s) || s < 0) return "?";
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%.1fs", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%dm%02ds", int(s) / 60, int(s) % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%dh%02dm", int(s) / 3600, int(s) % 3600 / 60);
  }
  return buf;
}

SweepProgressLine::SweepProgressLine(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled && stderr_is_terminal()) {}

SweepProgressLine::~SweepProgressLine() {
  finish();
}

void SweepProgressLine::update(const sweep::SweepProgress& p) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && p.done < p.total && now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  const int64_t ran = p.done - p.resumed;
  const double rate = p.elapsed > 0 ? double(ran) / p.elapsed : 0.0;
  std::string eta = rate > 0 && p.done < p.total
                        ? ", ETA " + format_duration(double(p.total - p.done) / rate)
                        : "";
  std::fprintf(stderr, "\r\033[K%s %lld/%lld experiments (%.1f%%), %.2f/s%s, %s elapsed%s%s",
               label_.c_str(), static_cast<long long>(p.done), static_cast<long long>(p.total),
               p.total > 0 ? 100.0 * double(p.done) / double(p.total) : 100.0, rate, eta.c_str(),
               format_duration(p.elapsed).c_str(),
               p.resumed > 0 ? (", " + std::to_string(p.resumed) + " resumed").c_str() : "",
               p.failed > 0 ? (", " + std::to_string(p.failed) + " failed").c_str() : "");
  std::fflush(stderr);
  drawn_ = true;
}

void SweepProgressLine::finish() {
  if (!enabled_ || !drawn_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

namespace {

std::string interval(double v, double lo, double hi) {
  char buf[64];
  if (!std::isfinite(v)) return "-";
  std::snprintf(buf, sizeof buf, "%6.3f [%6.3f, %6.3f]", v, lo, hi);
  return buf;
}

std::string number(double v) {
  char buf[32];
  if (!std::isfinite(v)) return "-";
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

}  // namespace

void print_sensitivity(std::FILE* out, const sweep::SweepData& d,
                       const std::vector<sweep::OutcomeSensitivity>& s) {
  if (s.empty()) return;
  size_t width = 9;
  for (const auto& p : d.parameters) width = std::max(width, p.size());
  const int ci = int(std::lround(100 * d.meta.sensitivity.confidence));
  std::fprintf(out,
               "\nSensitivity of each outcome's mean over replications: Sobol indices with %d%% "
               "bootstrap intervals\n(S1 first order, ST total), Morris mu* and sigma per unit of "
               "range position (radial design).\n",
               ci);
  for (size_t o = 0; o < d.outcomes.size(); ++o) {
    const auto& x = s[o];
    std::fprintf(out, "\n%s  (%zu base samples, variance %s)%s\n", d.outcomes[o].c_str(),
                 x.sobol.base_samples, number(x.sobol.variance).c_str(),
                 x.stable ? "" : "  UNSTABLE");
    std::fprintf(out, "  %-*s  %-24s  %-24s  %10s  %10s\n", int(width), "parameter", "S1", "ST",
                 "mu*", "sigma");
    for (size_t j = 0; j < d.parameters.size(); ++j)
      std::fprintf(out, "  %-*s  %-24s  %-24s  %10s  %10s\n", int(width), d.parameters[j].c_str(),
                   interval(x.sobol.s1[j], x.sobol.s1_low[j], x.sobol.s1_high[j]).c_str(),
                   interval(x.sobol.st[j], x.sobol.st_low[j], x.sobol.st_high[j]).c_str(),
                   number(x.morris.mu_star[j]).c_str(), number(x.morris.sigma[j]).c_str());
  }
}

void print_sweep_warnings(const sweep::SweepData& d,
                          const std::vector<sweep::OutcomeSensitivity>& s) {
  size_t failed = 0;
  std::string first_error;
  for (const auto& r : d.results) {
    if (r.status != sweep::ExperimentStatus::kFailed) continue;
    if (failed++ == 0) first_error = "experiment " + std::to_string(r.experiment) + ": " + r.error;
  }
  if (failed > 0)
    std::fprintf(stderr,
                 "hubsim: warning: %zu experiment(s) failed (status 'failed' in /runs); %s\n",
                 failed, first_error.c_str());
  for (size_t o = 0; o < s.size(); ++o)
    if (!s[o].stable)
      std::fprintf(stderr, "hubsim: warning: sensitivity of '%s' is not stable: %s\n",
                   d.outcomes[o].c_str(), s[o].warning.c_str());
}

}  // namespace hubsim::cli
