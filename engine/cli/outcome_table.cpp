#include "outcome_table.h"

#include <algorithm>
#include <cmath>

#include "stats_table.h"

namespace hubsim::cli {

namespace {

std::string fixed(double x, bool sign) {
  const double a = std::fabs(x);
  const int decimals = a >= 10 ? 0 : a >= 1 ? 1 : 2;
  char buf[48];
  std::snprintf(buf, sizeof buf, sign ? "%+.*f" : "%.*f", decimals, x);
  return buf;
}

bool is_share(const std::string& unit) {
  return unit == "share";
}

std::string percent_of_members(double share) {
  if (!std::isfinite(share)) return "n/a";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * share);
  return buf;
}

// Share of members where the difference points in the better direction.
double better_share(const OutcomeComparison& c, size_t s) {
  int better = 0, n = 0;
  const bool higher = c.outcome.direction == OutcomeDirection::kHigherIsBetter;
  for (double d : c.differences[s]) {
    if (!std::isfinite(d)) continue;
    ++n;
    if (higher ? d > 0 : d < 0) ++better;
  }
  return n ? double(better) / n : std::nan("");
}

}  // namespace

std::string format_outcome(double v, const std::string& unit) {
  if (!std::isfinite(v)) return "n/a";
  if (is_share(unit)) return fixed(100.0 * v, false) + "%";
  return format_value(v);
}

std::string format_difference(double d, const std::string& unit, bool with_unit) {
  if (!std::isfinite(d)) return "n/a";
  if (is_share(unit)) return fixed(100.0 * d, true) + (with_unit ? " pts" : "");
  const std::string v = format_value(d);
  return d > 0 ? "+" + v : v;
}

void print_comparison(std::FILE* out, const std::vector<std::string>& names,
                      const std::vector<OutcomeComparison>& outcomes, int members) {
  std::fprintf(out,
               "Outcomes: median over %d member(s), 90%% band in brackets; differences from "
               "'%s' are computed member by member.\n\n",
               members, names.front().c_str());
  size_t width = 0;
  for (const auto& n : names) width = std::max(width, n.size());
  for (const auto& c : outcomes) {
    const std::string& u = c.unit;
    std::fprintf(out, "%s (%s; %s)\n", c.outcome.label.c_str(), c.outcome.statistic.c_str(),
                 c.outcome.direction == OutcomeDirection::kHigherIsBetter ? "higher is better"
                                                                          : "lower is better");
    for (size_t s = 0; s < names.size(); ++s) {
      const auto& q = c.quantiles[s];
      std::fprintf(out, "  %-*s  %s [%s..%s]\n", int(width), names[s].c_str(),
                   format_outcome(q[kMedianIndex], u).c_str(), format_outcome(q.front(), u).c_str(),
                   format_outcome(q.back(), u).c_str());
    }
    for (size_t s = 1; s < names.size(); ++s) {
      const auto& d = c.difference_quantiles[s];
      const double better = better_share(c, s);
      std::fprintf(out, "  %s%s: %s -> %s (%s, 90%% band %s..%s; better in %s of members)\n",
                   names.size() > 2 ? (names[s] + ": ").c_str() : "", c.outcome.label.c_str(),
                   format_outcome(c.quantiles[0][kMedianIndex], u).c_str(),
                   format_outcome(c.quantiles[s][kMedianIndex], u).c_str(),
                   format_difference(d[kMedianIndex], u).c_str(),
                   format_difference(d.front(), u, false).c_str(),
                   format_difference(d.back(), u, false).c_str(),
                   percent_of_members(better).c_str());
    }
    std::fprintf(out, "\n");
  }
}

void print_robustness(std::FILE* out, const std::vector<std::string>& names,
                      const std::vector<OutcomeComparison>& outcomes) {
  std::fprintf(out,
               "Robustness of each scenario as a lever (regret = shortfall from the best "
               "scenario of the same member):\n");
  size_t width = 8;
  for (const auto& n : names) width = std::max(width, n.size());
  for (const auto& c : outcomes) {
    const std::string& u = c.unit;
    std::fprintf(out, "%s, over %d member(s)\n", c.outcome.label.c_str(), c.robust_members);
    std::fprintf(out, "  %-*s  %10s %10s %12s %12s %8s\n", int(width), "scenario", "mean", "sd",
                 "mean regret", "max regret", "best in");
    for (size_t s = 0; s < names.size(); ++s) {
      const std::string spread =
          is_share(u) ? fixed(100.0 * c.sd[s], false) + " pts" : format_value(c.sd[s]);
      const std::string mean_regret = is_share(u) ? fixed(100.0 * c.mean_regret[s], false) + " pts"
                                                  : format_value(c.mean_regret[s]);
      const std::string max_regret = is_share(u) ? fixed(100.0 * c.max_regret[s], false) + " pts"
                                                 : format_value(c.max_regret[s]);
      const std::string best = percent_of_members(c.best_share[s]);
      std::fprintf(out, "  %-*s  %10s %10s %12s %12s %8s\n", int(width), names[s].c_str(),
                   format_outcome(c.mean[s], u).c_str(), c.robust_members ? spread.c_str() : "n/a",
                   c.robust_members ? mean_regret.c_str() : "n/a",
                   c.robust_members ? max_regret.c_str() : "n/a", best.c_str());
    }
  }
  std::fprintf(out, "\n");
}

void print_forecast_outcomes(std::FILE* out, const std::vector<OutcomeSpec>& outcomes,
                             const std::vector<const std::vector<Statistic>*>& members) {
  if (outcomes.empty()) return;
  std::fprintf(out, "\nOutcomes over %zu members: median [50%% band] [90%% band]\n",
               members.size());
  for (const OutcomeSpec& o : outcomes) {
    const StatisticDefinition* def = find_statistic_definition(o.statistic);
    const std::string u = def ? def->unit : "";
    const auto q = summary_quantiles(statistic_values(members, o.statistic));
    std::fprintf(out, "  %s: %s [%s..%s] [%s..%s]\n", o.label.c_str(),
                 format_outcome(q[2], u).c_str(), format_outcome(q[1], u).c_str(),
                 format_outcome(q[3], u).c_str(), format_outcome(q[0], u).c_str(),
                 format_outcome(q[4], u).c_str());
  }
}

}  // namespace hubsim::cli
