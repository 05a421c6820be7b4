#include "stats/comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/errors.h"

namespace hubsim {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void robustness(OutcomeComparison& c) {
  const size_t S = c.values.size();
  const size_t M = S ? c.values.front().size() : 0;
  const bool higher = c.outcome.direction == OutcomeDirection::kHigherIsBetter;
  c.mean.assign(S, kNaN);
  c.sd.assign(S, kNaN);
  c.mean_regret.assign(S, kNaN);
  c.max_regret.assign(S, kNaN);
  c.best_share.assign(S, kNaN);
  std::vector<size_t> complete;
  for (size_t k = 0; k < M; ++k) {
    bool ok = true;
    for (size_t s = 0; s < S; ++s) ok = ok && std::isfinite(c.values[s][k]);
    if (ok) complete.push_back(k);
  }
  c.robust_members = int(complete.size());
  if (complete.empty()) return;
  std::vector<double> regret_sum(S, 0.0), regret_max(S, 0.0), best(S, 0.0), sum(S, 0.0);
  for (size_t k : complete) {
    double top = c.values[0][k];
    for (size_t s = 1; s < S; ++s)
      top = higher ? std::max(top, c.values[s][k]) : std::min(top, c.values[s][k]);
    int ties = 0;
    for (size_t s = 0; s < S; ++s) ties += c.values[s][k] == top;
    for (size_t s = 0; s < S; ++s) {
      const double regret = std::fabs(top - c.values[s][k]);
      regret_sum[s] += regret;
      regret_max[s] = std::max(regret_max[s], regret);
      if (c.values[s][k] == top) best[s] += 1.0 / ties;
      sum[s] += c.values[s][k];
    }
  }
  const double n = double(complete.size());
  for (size_t s = 0; s < S; ++s) {
    c.mean[s] = sum[s] / n;
    double ss = 0;
    for (size_t k : complete) ss += (c.values[s][k] - c.mean[s]) * (c.values[s][k] - c.mean[s]);
    c.sd[s] = complete.size() > 1 ? std::sqrt(ss / (n - 1)) : 0.0;
    c.mean_regret[s] = regret_sum[s] / n;
    c.max_regret[s] = regret_max[s];
    c.best_share[s] = best[s] / n;
  }
}
}  // namespace

std::vector<OutcomeSpec> collect_outcomes(const std::vector<const Scenario*>& scenarios) {
  std::vector<OutcomeSpec> out;
  std::vector<std::string> from;
  for (const Scenario* sc : scenarios) {
    for (const OutcomeSpec& o : sc->outcomes) {
      const auto it = std::find_if(
          out.begin(), out.end(), [&](const OutcomeSpec& x) { return x.statistic == o.statistic; });
      if (it == out.end()) {
        out.push_back(o);
        from.push_back(sc->file);
      } else if (it->direction != o.direction) {
        throw InputError(sc->file, "outcomes.direction", direction_name(o.direction),
                         std::string(direction_name(it->direction)) + " as in " +
                             from[size_t(it - out.begin())] + " for " + o.statistic);
      }
    }
  }
  // Every scenario must produce every outcome: a statistic of a year outside one scenario's
  // window would leave that scenario without values (and the comparison without a difference).
  for (size_t i = 0; i < out.size(); ++i) {
    const auto year = statistic_year(out[i].statistic);
    if (!year) continue;
    for (const Scenario* sc : scenarios)
      if (*year < sc->info.start.year || *year > sc->info.end.year)
        throw InputError(sc->file, "outcomes.statistic", "\"" + out[i].statistic + "\"",
                         "an outcome of a year inside the window of every compared scenario (" +
                             from[i] + " names it; this scenario runs " +
                             std::to_string(sc->info.start.year) + "-" +
                             std::to_string(sc->info.end.year) + ")");
  }
  return out;
}

std::vector<OutcomeComparison> compare_outcomes(const std::vector<OutcomeSpec>& outcomes,
                                                const std::vector<MemberStatistics>& stats) {
  std::vector<OutcomeComparison> out;
  for (const OutcomeSpec& o : outcomes) {
    OutcomeComparison c;
    c.outcome = o;
    if (const StatisticDefinition* def = find_statistic_definition(o.statistic)) c.unit = def->unit;
    for (size_t s = 0; s < stats.size(); ++s) {
      c.values.push_back(statistic_values(stats[s], o.statistic));
      c.quantiles.push_back(summary_quantiles(c.values.back()));
    }
    for (size_t s = 0; s < stats.size(); ++s) {
      std::vector<double> d(c.values[s].size());
      for (size_t k = 0; k < d.size(); ++k) d[k] = c.values[s][k] - c.values[0][k];
      c.differences.push_back(d);
      c.difference_quantiles.push_back(summary_quantiles(std::move(d)));
    }
    robustness(c);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace hubsim
