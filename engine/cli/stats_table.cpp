#include "stats_table.h"

#include <cmath>
#include <map>

namespace hubsim::cli {

const std::vector<std::string>& headline_statistics() {
  static const std::vector<std::string> keys = {"models_total_2024",
                                                "models_total_2025",
                                                "users_total_2025",
                                                "datasets_total_2025",
                                                "download_share_cn",
                                                "download_share_us",
                                                "cn_overtakes_us",
                                                "industry_download_share_before_2022",
                                                "industry_download_share",
                                                "independent_download_share_before_2022",
                                                "independent_download_share",
                                                "top200_download_share",
                                                "mean_engagement_weeks",
                                                "mean_downloaded_params_2025",
                                                "small_vs_huge_per_model",
                                                "derivatives_qwen",
                                                "derivatives_google_gemma",
                                                "derivatives_meta_llama",
                                                "datasets_robotics_2025",
                                                "datasets_robotics_rank_2025"};
  return keys;
}

std::string format_value(double v) {
  if (!std::isfinite(v)) return "n/a";
  char buf[32];
  const double a = std::fabs(v);
  if (a >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.3gM", v / 1e6);
    if (a >= 1e9) std::snprintf(buf, sizeof buf, "%.3gG", v / 1e9);
  } else if (a >= 1000) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.4g", v);
  }
  return buf;
}

void print_stats_table(std::FILE* out, const std::vector<StatisticSummary>& stats,
                       const calibration::TargetSet* targets) {
  std::map<std::string, const StatisticSummary*> by_key;
  for (const auto& s : stats) by_key[s.key] = &s;
  std::vector<std::string> keys;
  if (targets) {
    for (const auto& t : targets->targets) keys.push_back(t.stat);
  } else {
    keys = headline_statistics();
  }
  std::fprintf(out, "%-42s %-22s %s\n", "statistic", "simulated (mean ± sd)",
               targets ? "published [range]       in range" : "");
  int inside = 0, counted = 0;
  for (const auto& key : keys) {
    auto it = by_key.find(key);
    std::string sim = "(not produced)";
    if (it != by_key.end()) {
      sim = format_value(it->second->mean);
      if (it->second->n_finite > 1) sim += " ± " + format_value(it->second->sd);
    }
    std::string pub;
    if (targets) {
      const calibration::Target* t = targets->find(key);
      pub = (t->value ? format_value(*t->value) : std::string("-")) + " [" + format_value(t->lo) +
            ", " + format_value(t->hi) + "]";
      const bool ok =
          it != by_key.end() && std::isfinite(it->second->mean) && t->contains(it->second->mean);
      ++counted;
      inside += ok;
      char line[64];
      std::snprintf(line, sizeof line, "%-24s %s", pub.c_str(), ok ? "yes" : "NO");
      pub = line;
    }
    std::fprintf(out, "%-42s %-22s %s\n", key.c_str(), sim.c_str(), pub.c_str());
  }
  if (targets)
    std::fprintf(out, "%d of %d statistics inside their published ranges\n", inside, counted);
}

}  // namespace hubsim::cli
