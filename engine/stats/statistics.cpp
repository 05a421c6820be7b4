#include "stats/statistics.h"

#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <regex>

namespace hubsim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<StatisticDefinition> build_definitions() {
  const std::string ref = std::to_string(kReferenceYear);
  return {
      {"models_total_<year>", "models",
       "Public models on the hub at the end of the year (or of the window, if earlier), "
       "full-scale count (simulated count / scale; named publishers' models count once).",
       "growth.models_total"},
      {"users_total_<year>", "users",
       "Registered users at the end of the year (or window), full-scale count.",
       "growth.users_total"},
      {"datasets_total_<year>", "datasets",
       "Public datasets at the end of the year (or window), full-scale count.",
       "growth.datasets_total"},
      {"download_share_<region>_<year>", "share",
       "Share of the year's downloads going to models whose developer (publisher) is based in "
       "the region. A step belongs to the year containing its midpoint.",
       "geography.download_share_cn"},
      {"lineage_share_<region>_<year>", "share",
       "Share of the year's downloads going to models whose lineage starts with a base model "
       "developed in the region (re-uploads and derivatives count for the origin).",
       ""},
      {"home_share_<region>_<year>", "share",
       "Share of the year's downloads by users (and pipelines) of the region that go to models "
       "developed in the region (from the series new_downloads_by_user_region).",
       ""},
      {"flow_share_<region>_to_<region>_<year>", "share",
       "Share of the year's downloads by users (and pipelines) of the first region that go to "
       "models developed in the second region (from new_downloads_by_user_region).",
       ""},
      {"lineage_flow_share_<region>_to_<region>_<year>", "share",
       "Share of the year's downloads by users (and pipelines) of the first region that go to "
       "models whose lineage starts in the second region, re-uploads made elsewhere included "
       "(from new_downloads_by_user_origin).",
       ""},
      {"top100_models_<region>_<year>", "models",
       "Models developed in the region among the 100 most downloaded models of the year (by the "
       "year's downloads, counted on the represented population; ties ordered by model id).",
       ""},
      {"industry_download_share_before_2022", "share",
       "Share of downloads before 2022-01-01 going to models of big-tech and industry "
       "publishers.",
       "developers.industry_download_share"},
      {"independent_download_share_before_2022", "share",
       "Share of downloads before 2022-01-01 going to models of independent developers.",
       "developers.independent_download_share"},
      {"top200_download_share_<year>", "share",
       "Share of the year's downloads taken by the 200 most downloaded models of the year "
       "(counted on the represented full-scale population: a generated model stands for "
       "1/scale models).",
       "concentration.top200_download_share"},
      {"<type>_download_share_<year>", "share",
       "Share of the year's downloads going to models of publishers of the type; 'industry' "
       "counts big tech and companies together, as the published figure does.",
       "developers.industry_download_share / developers.independent_download_share"},
      {"gini_downloads_<year>", "-",
       "Gini coefficient of the year's downloads over all models existing at the year's end.", ""},
      {"hhi_downloads_<year>", "-",
       "Herfindahl-Hirschman index (sum of squared shares) of the year's downloads over models.",
       ""},
      {"zero_download_models_<year>", "share",
       "Share of models existing at the end of the year with no download in the year's last 30 "
       "days (the hub's download counter covers the last 30 days, as in snapshots of the hub).",
       "concentration.pareto_snapshot_2023"},
      {"top1pct_download_share_<year>", "share",
       "Share of the downloads of the year's last 30 days held by the top 1% of models.",
       "concentration.pareto_snapshot_2023"},
      {"models_under_100_downloads_<year>", "share",
       "Share of models existing at the end of the year with fewer than 100 lifetime downloads.",
       ""},
      {"mean_engagement_weeks_<year>", "weeks",
       "Mean over models released in the year (at least 26 weeks before the window's end, with at "
       "least 10 downloads in their first 26 weeks) of the download-weighted mean age of their "
       "downloads in those 26 weeks; a download in the k-th step after release has age "
       "(k + 1/2) steps. For a pure exponential decay of mean T weeks this is about T minus the "
       "truncation at 26 weeks.",
       "attention.mean_engagement_weeks"},
      {"continuous_update_retention_ratio", "ratio",
       "Mean retention of continuously updated families divided by that of one-shot families. "
       "Retention of a family: its downloads in weeks 26-52 after its first release divided by "
       "those in weeks 0-26 (families first released 52+ weeks before the window's end with "
       "1,000+ downloads in their first 26 weeks).",
       "attention.continuous_updates"},
      {"mean_downloaded_params_<year>", "parameters",
       "Download-weighted mean parameter count of the models downloaded in the year.",
       "size.mean_downloaded_params"},
      {"small_vs_huge_per_model_<year>", "ratio",
       "The year's downloads per model of models with 1-10B parameters divided by the same for "
       "models with 100B+ parameters (models existing at the year's end).",
       "size.small_vs_huge_per_model"},
      {"derivatives_<family>_<year>", "models",
       "Direct derivatives of the family at the end of the year: non-base models by other "
       "publishers whose declared parent is a model released by the family's owner "
       "(full-scale count).",
       "derivatives.family_counts"},
      {"descendants_<family>_<year>", "models",
       "All models by other publishers descending from the family at the end of the year "
       "(full-scale count).",
       "derivatives.family_counts"},
      {"releases_<publisher>_<year>", "repositories",
       "Repositories (models) released by the named publisher during the year.",
       "publishers.cn_pivot_2025"},
      {"release_growth_<publisher>_<year>", "ratio",
       "Releases of the named publisher in the year divided by those of the previous year "
       "(NaN when the previous year had none).",
       "publishers.cn_pivot_2025"},
      {"datasets_robotics_<year>", "datasets",
       "Datasets in the robotics category at the end of the year (full-scale count).",
       "datasets.robotics"},
      {"datasets_robotics_rank_<year>", "rank",
       "Rank of the robotics category among the ranked dataset categories by count at the end of "
       "the year (1 = largest).",
       "datasets.robotics"},
      {"datasets_runner_up_<year>", "datasets",
       "Datasets in the largest ranked category other than robotics at the end of the year.",
       "datasets.robotics.runner_up_2025"},
      {"cn_overtakes_us", "decimal year",
       "Start of the first calendar month in which downloads of CN-developed models exceed those "
       "of US-developed models (e.g. 2025.083 = February 2025); NaN if it never happens.",
       "geography.cn_overtakes_us"},
      {"download_share_<region>", "share", "download_share_<region>_" + ref + ".",
       "geography.download_share_cn"},
      {"top200_download_share", "share", "top200_download_share_" + ref + ".",
       "concentration.top200_download_share"},
      {"<type>_download_share", "share", "<type>_download_share_" + ref + ".",
       "developers.industry_download_share"},
      {"mean_engagement_weeks", "weeks", "mean_engagement_weeks_" + ref + ".",
       "attention.mean_engagement_weeks"},
      {"small_vs_huge_per_model", "ratio", "small_vs_huge_per_model_" + ref + ".",
       "size.small_vs_huge_per_model"},
      {"derivatives_<family>", "models", "derivatives_<family>_" + ref + ".",
       "derivatives.family_counts"},
  };
}

std::regex pattern_regex(const std::string& pattern) {
  std::string re;
  for (size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '<') {
      const size_t close = pattern.find('>', i);
      const std::string name = pattern.substr(i + 1, close - i - 1);
      re += name == "year" ? "[0-9]{4}" : "[a-z0-9_]+";
      i = close + 1;
    } else {
      re += pattern[i] == '.' ? std::string("\\.") : std::string(1, pattern[i]);
      ++i;
    }
  }
  return std::regex(re);
}

}  // namespace

const std::vector<StatisticDefinition>& statistic_definitions() {
  static const std::vector<StatisticDefinition> defs = build_definitions();
  return defs;
}

const StatisticDefinition* find_statistic_definition(const std::string& key) {
  static const std::vector<std::regex> regexes = [] {
    std::vector<std::regex> r;
    for (const auto& d : statistic_definitions()) r.push_back(pattern_regex(d.pattern));
    return r;
  }();
  for (size_t i = 0; i < regexes.size(); ++i)
    if (std::regex_match(key, regexes[i])) return &statistic_definitions()[i];
  return nullptr;
}

std::string stat_key_fragment(const std::string& name) {
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out += char(std::tolower(u));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

namespace {

// Sums the rows of a series over the steps of each calendar year (and before a cut-off day).
struct YearSums {
  std::map<int, std::vector<double>> by_year;
  std::vector<double> before_2022;
};

YearSums sum_by_year(const Series& s, const Calendar& cal) {
  YearSums out;
  out.before_2022.assign(s.width, 0.0);
  const int64_t cut = days_from_civil({2022, 1, 1});
  for (int t = 0; t < cal.n_steps(); ++t) {
    auto& acc = out.by_year[cal.year_of_step(t)];
    if (acc.empty()) acc.assign(s.width, 0.0);
    const double* row = s.row(t);
    for (size_t j = 0; j < s.width; ++j) {
      acc[j] += row[j];
      if (cal.step_mid_day(t) < cut) out.before_2022[j] += row[j];
    }
  }
  return out;
}

double share(double part, double total) {
  return total > 0 ? part / total : kNaN;
}

class StatisticsBuilder {
 public:
  explicit StatisticsBuilder(const StatisticsInput& in) : in_(in) {}

  std::vector<Statistic> build() {
    yearly_counts();
    download_shares();
    regional_use();
    concentration();
    engagement();
    retention();
    sizes();
    derivatives();
    releases();
    datasets();
    overtaking();
    return std::move(out_);
  }

 private:
  void put(const std::string& key, double value) { out_.push_back({key, value}); }
  static std::string y(int year) { return std::to_string(year); }

  void yearly_counts() {
    for (const auto& s : in_.snapshots) {
      put("models_total_" + y(s.year), s.models_total);
      put("users_total_" + y(s.year), s.users_total);
      put("datasets_total_" + y(s.year), s.datasets_total);
    }
  }

  void download_shares() {
    const YearSums region = sum_by_year(in_.series.get("new_downloads_by_region"), in_.calendar);
    const YearSums origin = sum_by_year(in_.series.get("new_downloads_by_origin"), in_.calendar);
    const YearSums type = sum_by_year(in_.series.get("new_downloads_by_type"), in_.calendar);
    const auto& regions = in_.scenario.regions;
    for (const auto& [year, sums] : region.by_year) {
      double total = 0;
      for (double v : sums) total += v;
      for (size_t r = 0; r < regions.size(); ++r) {
        const std::string name = stat_key_fragment(regions[r].name);
        put("download_share_" + name + "_" + y(year), share(sums[r], total));
        put("lineage_share_" + name + "_" + y(year), share(origin.by_year.at(year)[r], total));
        if (year == kReferenceYear) put("download_share_" + name, share(sums[r], total));
      }
    }
    auto type_shares = [&](const std::vector<double>& sums, const std::string& suffix) {
      double total = 0;
      for (double v : sums) total += v;
      using PT = PublisherType;
      auto at = [&](PT t) { return sums[size_t(t)]; };
      put("industry_download_share" + suffix, share(at(PT::kBigTech) + at(PT::kIndustry), total));
      put("big_tech_download_share" + suffix, share(at(PT::kBigTech), total));
      put("academic_download_share" + suffix, share(at(PT::kAcademic), total));
      put("nonprofit_download_share" + suffix, share(at(PT::kNonprofit), total));
      put("government_download_share" + suffix, share(at(PT::kGovernment), total));
      put("independent_download_share" + suffix, share(at(PT::kIndependent), total));
    };
    for (const auto& [year, sums] : type.by_year) {
      type_shares(sums, "_" + y(year));
      if (year == kReferenceYear) type_shares(sums, "");
    }
    if (in_.calendar.step_mid_day(0) < days_from_civil({2022, 1, 1})) {
      double total = 0;
      for (double v : type.before_2022) total += v;
      using PT = PublisherType;
      put("industry_download_share_before_2022",
          share(type.before_2022[size_t(PT::kBigTech)] + type.before_2022[size_t(PT::kIndustry)],
                total));
      put("independent_download_share_before_2022",
          share(type.before_2022[size_t(PT::kIndependent)], total));
    }
  }

  // Where each region's users (and pipelines) get their models, and whose models trend.
  void regional_use() {
    const YearSums flows =
        sum_by_year(in_.series.get("new_downloads_by_user_region"), in_.calendar);
    const auto& regions = in_.scenario.regions;
    const size_t R = regions.size();
    for (const auto& [year, f] : flows.by_year) {
      for (size_t u = 0; u < R; ++u) {
        double total = 0;
        for (size_t g = 0; g < R; ++g) total += f[u * R + g];
        const std::string from = stat_key_fragment(regions[u].name);
        put("home_share_" + from + "_" + y(year), share(f[u * R + u], total));
        for (size_t g = 0; g < R; ++g)
          put("flow_share_" + from + "_to_" + stat_key_fragment(regions[g].name) + "_" + y(year),
              share(f[u * R + g], total));
      }
    }
    const YearSums lineage =
        sum_by_year(in_.series.get("new_downloads_by_user_origin"), in_.calendar);
    for (const auto& [year, f] : lineage.by_year) {
      for (size_t u = 0; u < R; ++u) {
        double total = 0;
        for (size_t o = 0; o < R; ++o) total += f[u * R + o];
        const std::string from = stat_key_fragment(regions[u].name);
        for (size_t o = 0; o < R; ++o)
          put("lineage_flow_share_" + from + "_to_" + stat_key_fragment(regions[o].name) + "_" +
                  y(year),
              share(f[u * R + o], total));
      }
    }
    for (const auto& s : in_.snapshots)
      for (size_t r = 0; r < R; ++r)
        put("top100_models_" + stat_key_fragment(regions[r].name) + "_" + y(s.year),
            s.top100_by_region[r]);
  }

  void concentration() {
    for (const auto& s : in_.snapshots) {
      put("top200_download_share_" + y(s.year), s.top200_share);
      put("gini_downloads_" + y(s.year), s.gini);
      put("hhi_downloads_" + y(s.year), s.hhi);
      put("zero_download_models_" + y(s.year), s.zero_download_share);
      put("top1pct_download_share_" + y(s.year), s.top1pct_share);
      put("models_under_100_downloads_" + y(s.year), s.under100_share);
      if (s.year == kReferenceYear) put("top200_download_share", s.top200_share);
    }
  }

  void engagement() {
    const ModelTable& m = in_.world.models;
    const Calendar& cal = in_.calendar;
    const int window = std::max(1, int(std::lround(26.0 / cal.weeks_per_step())));
    std::map<int, std::pair<double, double>> by_year;  // year -> (weighted sum, weight)
    // Every year with a release step whose window fits gets its key, NaN when no model of that
    // year qualifies: the set of statistics depends on the calendar only, never on the draw.
    for (int step = 0; step + window <= cal.n_steps(); ++step) by_year[cal.year_of_step(step)];
    for (size_t i = 0; i < m.size(); ++i) {
      const int release = m.release_step[i];
      if (release < 0 || release + window > cal.n_steps()) continue;
      if (m.window_downloads[i] < 10.0) continue;
      const double w = m.represents_one(i) ? 1.0 : 1.0 / in_.scale;
      auto& acc = by_year[cal.year_of_step(release)];
      acc.first += w * m.window_age_sum[i] / m.window_downloads[i];
      acc.second += w;
    }
    for (const auto& [year, acc] : by_year) {
      const double value = acc.second > 0 ? acc.first / acc.second : kNaN;
      put("mean_engagement_weeks_" + y(year), value);
      if (year == kReferenceYear) put("mean_engagement_weeks", value);
    }
  }

  void retention() {
    const FamilyTable& f = in_.world.families;
    const int window = std::max(1, int(std::lround(26.0 / in_.calendar.weeks_per_step())));
    double sum[2] = {0, 0}, weight[2] = {0, 0};
    for (size_t i = 0; i < f.size(); ++i) {
      const int first = f.first_release_step[i];
      if (first < 0 || first + 2 * window > in_.calendar.n_steps()) continue;
      const double early = full_scale(f.early_one[i], f.early_many[i]);
      if (early < 1000.0) continue;
      const double late = full_scale(f.late_one[i], f.late_many[i]);
      const int k = f.strategy[i];
      const double w = f.named_spec[i] >= 0 ? 1.0 : 1.0 / in_.scale;
      sum[k] += w * late / early;
      weight[k] += w;
    }
    const double one_shot = weight[0] > 0 ? sum[0] / weight[0] : kNaN;
    const double continuous = weight[1] > 0 ? sum[1] / weight[1] : kNaN;
    put("continuous_update_retention_ratio", continuous / one_shot);
  }

  // Full-scale downloads from the exact sums of one-model and 1/scale-model models.
  double full_scale(uint64_t one, uint64_t many) const {
    return double(one) + double(many) / in_.scale;
  }

  void sizes() {
    const YearSums params = sum_by_year(in_.series.get("new_downloaded_params"), in_.calendar);
    const YearSums total = sum_by_year(in_.series.get("new_downloads"), in_.calendar);
    for (const auto& [year, sums] : params.by_year)
      put("mean_downloaded_params_" + y(year), share(sums[0], total.by_year.at(year)[0]));
    for (const auto& s : in_.snapshots) {
      const double ratio = s.huge_per_model > 0 ? s.small_per_model / s.huge_per_model : kNaN;
      put("small_vs_huge_per_model_" + y(s.year), ratio);
      if (s.year == kReferenceYear) put("small_vs_huge_per_model", ratio);
    }
  }

  void derivatives() {
    const auto families = reported_families(in_.world, in_.scenario);
    for (const auto& s : in_.snapshots) {
      for (size_t k = 0; k < families.size(); ++k) {
        const std::string name = stat_key_fragment(families[k].second);
        put("derivatives_" + name + "_" + y(s.year), s.derivatives_direct[k]);
        put("descendants_" + name + "_" + y(s.year), s.derivatives_all[k]);
        if (s.year == kReferenceYear) put("derivatives_" + name, s.derivatives_direct[k]);
      }
    }
  }

  void releases() {
    const auto& named = in_.scenario.named_publishers;
    for (size_t i = 0; i < named.size(); ++i) {
      if (!named[i].report_releases) continue;
      const std::string name = stat_key_fragment(named[i].name);
      const auto& by_year = in_.world.named_releases_by_year[i];
      for (size_t k = 0; k < by_year.size(); ++k) {
        const int year = in_.world.first_year + int(k);
        put("releases_" + name + "_" + y(year), double(by_year[k]));
        if (k > 0)
          put("release_growth_" + name + "_" + y(year),
              by_year[k - 1] > 0 ? double(by_year[k]) / double(by_year[k - 1]) : kNaN);
      }
    }
  }

  void datasets() {
    const auto& cats = in_.scenario.dataset_categories;
    int robotics = -1;
    for (size_t c = 0; c < cats.size(); ++c)
      if (cats[c].name == "robotics") robotics = int(c);
    if (robotics < 0) return;
    for (const auto& s : in_.snapshots) {
      const double count = s.datasets_by_category[size_t(robotics)];
      int rank = 1;
      double runner_up = 0;
      for (size_t c = 0; c < cats.size(); ++c) {
        if (int(c) == robotics || !cats[c].ranked) continue;
        if (s.datasets_by_category[c] > count) ++rank;
        runner_up = std::max(runner_up, s.datasets_by_category[c]);
      }
      put("datasets_robotics_" + y(s.year), count);
      put("datasets_robotics_rank_" + y(s.year), double(rank));
      put("datasets_runner_up_" + y(s.year), runner_up);
    }
  }

  void overtaking() {
    const auto cn = in_.scenario.region_index("CN");
    const auto us = in_.scenario.region_index("US");
    if (!cn || !us) return;
    const Series& s = in_.series.get("new_downloads_by_region");
    const Calendar& cal = in_.calendar;
    std::map<int, std::pair<double, double>> months;  // year*12 + month-1 -> (CN, US)
    for (int t = 0; t < cal.n_steps(); ++t) {
      auto& acc = months[cal.year_of_step(t) * 12 + cal.month_of_step(t) - 1];
      acc.first += s.row(t)[*cn];
      acc.second += s.row(t)[*us];
    }
    double when = kNaN;
    for (const auto& [month, acc] : months) {
      if (acc.first > acc.second) {
        when = double(month / 12) + double(month % 12) / 12.0;
        break;
      }
    }
    put("cn_overtakes_us", when);
  }

  const StatisticsInput& in_;
  std::vector<Statistic> out_;
};

}  // namespace

std::vector<Statistic> compute_statistics(const StatisticsInput& in) {
  return StatisticsBuilder(in).build();
}

}  // namespace hubsim
