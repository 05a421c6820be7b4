#include "sweep/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "core/counter_rng.h"

namespace hubsim::sweep {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// The `step` of the streams that draw bootstrap resamples (entity = resample index).
constexpr uint32_t kBootstrapStep = 2;

// The blocks whose k + 2 values are all finite.
std::vector<size_t> usable_blocks(std::span<const double> y, size_t k) {
  const size_t width = k + 2;
  if (y.size() % width != 0)
    throw std::invalid_argument("sensitivity: values are not whole Saltelli blocks");
  std::vector<size_t> out;
  for (size_t b = 0; b < y.size() / width; ++b) {
    bool ok = true;
    for (size_t r = 0; r < width; ++r) ok = ok && std::isfinite(y[b * width + r]);
    if (ok) out.push_back(b);
  }
  return out;
}

struct Estimate {
  std::vector<double> s1, st;
  double variance = 0;
};

// The estimators over the blocks blocks[pick[0]], blocks[pick[1]], ...
Estimate estimate(std::span<const double> y, size_t k, const std::vector<size_t>& blocks,
                  const std::vector<size_t>& pick) {
  const size_t width = k + 2, n = pick.size();
  Estimate e;
  e.s1.assign(k, 0.0);
  e.st.assign(k, 0.0);
  double mean = 0;
  for (size_t p : pick) mean += y[blocks[p] * width] + y[blocks[p] * width + k + 1];
  mean /= double(2 * n);
  double var = 0;
  for (size_t p : pick) {
    const double a = y[blocks[p] * width] - mean, b = y[blocks[p] * width + k + 1] - mean;
    var += a * a + b * b;
  }
  e.variance = var / double(2 * n);
  for (size_t p : pick) {
    const double* row = &y[blocks[p] * width];
    const double fa = row[0], fb = row[k + 1];
    for (size_t i = 0; i < k; ++i) {
      const double fab = row[1 + i];
      e.s1[i] += fb * (fab - fa);
      e.st[i] += (fa - fab) * (fa - fab);
    }
  }
  for (size_t i = 0; i < k; ++i) {
    e.s1[i] = e.variance > 0 ? e.s1[i] / double(n) / e.variance : kNaN;
    e.st[i] = e.variance > 0 ? e.st[i] / double(2 * n) / e.variance : kNaN;
  }
  return e;
}

// Linear-interpolated quantile of sorted finite values.
double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kNaN;
  const double pos = q * double(sorted.size() - 1);
  const size_t lo = size_t(std::floor(pos));
  const size_t hi = std::min(sorted.size() - 1, lo + 1);
  return sorted[lo] + (pos - double(lo)) * (sorted[hi] - sorted[lo]);
}

std::string number(double v) {
  std::ostringstream os;
  os.precision(3);
  os << v;
  return os.str();
}

}  // namespace

SobolIndices sobol_indices(std::span<const double> y, size_t k, int bootstrap, double confidence,
                           uint64_t seed) {
  SobolIndices out;
  const std::vector<size_t> blocks = usable_blocks(y, k);
  const size_t n = blocks.size();
  out.base_samples = n;
  const std::vector<double> nan(k, kNaN);
  out.s1 = out.s1_low = out.s1_high = out.st = out.st_low = out.st_high = nan;
  if (n < 2) return out;
  std::vector<size_t> all(n);
  for (size_t i = 0; i < n; ++i) all[i] = i;
  const Estimate point = estimate(y, k, blocks, all);
  out.variance = point.variance;
  out.s1 = point.s1;
  out.st = point.st;
  if (!(point.variance > 0)) return out;

  std::vector<std::vector<double>> s1(k), st(k);
  const StreamKey key = StreamKey::derive(seed, 0);
  std::vector<size_t> pick(n);
  for (int r = 0; r < bootstrap; ++r) {
    Stream s(key, Purpose::kSweep, uint32_t(r), kBootstrapStep);
    for (auto& p : pick) p = s.below(uint32_t(n));
    const Estimate e = estimate(y, k, blocks, pick);
    for (size_t i = 0; i < k; ++i) {
      if (std::isfinite(e.s1[i])) s1[i].push_back(e.s1[i]);
      if (std::isfinite(e.st[i])) st[i].push_back(e.st[i]);
    }
  }
  const double alpha = 1.0 - confidence;
  for (size_t i = 0; i < k; ++i) {
    std::sort(s1[i].begin(), s1[i].end());
    std::sort(st[i].begin(), st[i].end());
    out.s1_low[i] = quantile(s1[i], alpha / 2);
    out.s1_high[i] = quantile(s1[i], 1 - alpha / 2);
    out.st_low[i] = quantile(st[i], alpha / 2);
    out.st_high[i] = quantile(st[i], 1 - alpha / 2);
  }
  return out;
}

MorrisIndices morris_radial(std::span<const double> y, std::span<const double> unit, size_t k) {
  const size_t width = k + 2;
  if (y.size() % width != 0 || unit.size() != y.size() * k)
    throw std::invalid_argument("Morris: values and positions are not whole Saltelli blocks");
  MorrisIndices out;
  out.mu.assign(k, kNaN);
  out.mu_star.assign(k, kNaN);
  out.sigma.assign(k, kNaN);
  out.effects.assign(k, 0);
  for (size_t i = 0; i < k; ++i) {
    std::vector<double> ee;
    for (size_t b = 0; b < y.size() / width; ++b) {
      const size_t a_row = b * width, ab_row = a_row + 1 + i;
      const double fa = y[a_row], fab = y[ab_row];
      const double delta = unit[ab_row * k + i] - unit[a_row * k + i];
      if (!std::isfinite(fa) || !std::isfinite(fab) || delta == 0.0) continue;
      ee.push_back((fab - fa) / delta);
    }
    out.effects[i] = int64_t(ee.size());
    if (ee.empty()) continue;
    double sum = 0, abs_sum = 0;
    for (double v : ee) {
      sum += v;
      abs_sum += std::fabs(v);
    }
    const double mean = sum / double(ee.size());
    out.mu[i] = mean;
    out.mu_star[i] = abs_sum / double(ee.size());
    if (ee.size() > 1) {
      double ss = 0;
      for (double v : ee) ss += (v - mean) * (v - mean);
      out.sigma[i] = std::sqrt(ss / double(ee.size() - 1));
    }
  }
  return out;
}

OutcomeSensitivity analyse_outcome(std::span<const double> y, std::span<const double> unit,
                                   size_t k, const SensitivityOptions& o, uint64_t seed) {
  OutcomeSensitivity out;
  out.sobol = sobol_indices(y, k, o.bootstrap, o.confidence, seed);
  out.morris = morris_radial(y, unit, k);
  const SobolIndices& s = out.sobol;
  if (s.base_samples < 2 || !(s.variance > 0)) {
    out.warning = s.base_samples < 2 ? "fewer than 2 usable base samples"
                                     : "the outcome does not vary over the design";
    return out;
  }
  double widest = 0;
  for (size_t i = 0; i < k; ++i) {
    widest = std::max(widest, s.s1_high[i] - s.s1_low[i]);
    widest = std::max(widest, s.st_high[i] - s.st_low[i]);
  }
  if (int64_t(s.base_samples) < o.min_base_samples) {
    out.warning = "only " + std::to_string(s.base_samples) + " usable base samples (at least " +
                  std::to_string(o.min_base_samples) + " advised; widest interval " +
                  number(widest) + ")";
  } else if (!(widest <= o.max_ci_width)) {
    out.warning = "widest confidence interval " + number(widest) + " exceeds " +
                  number(o.max_ci_width) + ": increase samples";
  }
  out.stable = out.warning.empty();
  return out;
}

}  // namespace hubsim::sweep
