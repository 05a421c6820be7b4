#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "sim/simulation.h"
#include "stats/statistics.h"
#include "support/test_scenarios.h"

using namespace hubsim;

TEST_CASE("every statistic a run produces has a written definition", "[statistics]") {
  const ReplicationResult r = run_replication(test::small_baseline(0.002, {2026, 3, 31}), 0);
  std::set<std::string> keys;
  for (const auto& s : r.stats) {
    INFO(s.key);
    CHECK(find_statistic_definition(s.key) != nullptr);
    CHECK(keys.insert(s.key).second);  // no key twice
  }
  // The statistics of hub-statistics.toml that the model can produce are all there.
  for (const char* key : {"models_total_2024",
                          "users_total_2025",
                          "datasets_total_2025",
                          "download_share_cn",
                          "download_share_cn_2025",
                          "cn_overtakes_us",
                          "industry_download_share",
                          "industry_download_share_before_2022",
                          "independent_download_share",
                          "top200_download_share",
                          "zero_download_models_2023",
                          "top1pct_download_share_2023",
                          "mean_engagement_weeks",
                          "continuous_update_retention_ratio",
                          "mean_downloaded_params_2023",
                          "small_vs_huge_per_model",
                          "derivatives_qwen",
                          "derivatives_google_gemma",
                          "derivatives_meta_llama",
                          "releases_baidu_2025",
                          "release_growth_bytedance_2025",
                          "release_growth_tencent_2025",
                          "datasets_robotics_2025",
                          "datasets_robotics_rank_2024",
                          "datasets_runner_up_2025"}) {
    INFO(key);
    CHECK(keys.count(key) == 1);
  }
}

TEST_CASE("statistic patterns resolve to the most specific definition", "[statistics]") {
  CHECK(find_statistic_definition("top200_download_share_2025")->pattern ==
        "top200_download_share_<year>");
  CHECK(find_statistic_definition("industry_download_share_2025")->pattern ==
        "<type>_download_share_<year>");
  CHECK(find_statistic_definition("industry_download_share_before_2022")->pattern ==
        "industry_download_share_before_2022");
  CHECK(find_statistic_definition("download_share_cn")->pattern == "download_share_<region>");
  CHECK(find_statistic_definition("derivatives_qwen_2024")->pattern ==
        "derivatives_<family>_<year>");
  CHECK(find_statistic_definition("no_such_statistic") == nullptr);
  CHECK(stat_key_fragment("UKP Lab (sentence-transformers)") == "ukp_lab_sentence_transformers");
  CHECK(stat_key_fragment("OTHER") == "other");
}

TEST_CASE("shares add up: regions and publisher types each sum to one", "[statistics]") {
  const Scenario s = test::small_baseline(0.003, {2025, 12, 31});
  const ReplicationResult r = run_replication(s, 0);
  std::map<std::string, double> v;
  for (const auto& st : r.stats) v[st.key] = st.value;
  double regions = 0;
  for (const auto& reg : s.regions)
    regions += v["download_share_" + stat_key_fragment(reg.name) + "_2025"];
  CHECK(regions == Approx(1.0).epsilon(1e-9));
  const double types = v["industry_download_share_2025"] + v["academic_download_share_2025"] +
                       v["nonprofit_download_share_2025"] + v["government_download_share_2025"] +
                       v["independent_download_share_2025"];
  CHECK(types == Approx(1.0).epsilon(1e-9));
}

TEST_CASE("the generated reference tables are up to date", "[statistics][docs]") {
  const std::string cmd =
      std::string(HUBSIM_BINARY_DIR) + "/hubsim docs --check --root " + HUBSIM_SOURCE_DIR;
  CHECK(std::system(cmd.c_str()) == 0);
}

TEST_CASE("the statistics a run produces depend on its calendar, not on its draw", "[statistics]") {
  // Without downloads no model reaches the 10 downloads that mean_engagement_weeks needs: the
  // key is still written (NaN), so every replication of a calibration or ensemble has it.
  const Date end{2023, 12, 31};
  const ReplicationResult busy = run_replication(test::small_baseline(0.002, end), 0);
  const ReplicationResult idle = run_replication(
      test::small_baseline(0.002, end, {{"demand.downloads_per_user_week", 0.0}}), 0);
  std::map<std::string, double> busy_stats, idle_stats;
  for (const auto& s : busy.stats) busy_stats[s.key] = s.value;
  for (const auto& s : idle.stats) idle_stats[s.key] = s.value;
  std::set<std::string> busy_keys, idle_keys;
  for (const auto& [k, v] : busy_stats) busy_keys.insert(k);
  for (const auto& [k, v] : idle_stats) idle_keys.insert(k);
  CHECK(busy_keys == idle_keys);
  REQUIRE(idle_stats.count("mean_engagement_weeks_2022") == 1);
  CHECK(std::isnan(idle_stats["mean_engagement_weeks_2022"]));
  CHECK(std::isfinite(busy_stats["mean_engagement_weeks_2022"]));
}
