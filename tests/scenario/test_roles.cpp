// Roles of a scenario file: [uncertainty] (the calibrated posterior and parameter ranges, with
// the precedence of [parameters] along the extends chain), [[outcomes]], and the members'
// parameter draws. Posterior files are written into a temporary directory per test.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/errors.h"
#include "scenario/parameter_draws.h"
#include "scenario/parameter_registry.h"
#include "scenario/scenario_loader.h"
#include "support/test_scenarios.h"

using namespace hubsim;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system's temporary directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "hubsim-roles-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  // Writes a file and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    const fs::path p = fs::path(path_) / name;
    std::ofstream(p) << text;
    return p.string();
  }

 private:
  std::string path_;
};

// A scenario extending the shipped baseline, with `body` after its [scenario] table.
std::string extending_baseline(const std::string& body, const std::string& name = "t") {
  return "[scenario]\nextends = \"" + test::source_path("scenarios/baseline.toml") +
         "\"\nname = \"" + name + "\"\n" + body;
}

const char* kPosterior = R"(
[posterior]
method = "test"
parameters = ["attention.mean_weeks", "demand.automated_share"]
[[sample]]
weight = 0.2
values = [5.0, 0.35]
[[sample]]
weight = 0.6
values = [6.5, 0.45]
[[sample]]
weight = 0.2
values = [8.0, 0.40]
)";

std::string error_loading(const std::string& path) {
  try {
    load_scenario(path);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("the scenario loaded although it is invalid");
  return "";
}

}  // namespace

TEST_CASE("a posterior file loads and a single run uses its weighted medians",
          "[roles][posterior]") {
  TempDir dir;
  dir.write("post.toml", kPosterior);
  const Scenario s = load_scenario(
      dir.write("s.toml", extending_baseline("[uncertainty]\nposterior = \"post.toml\"\n")));
  REQUIRE(s.uncertainty.posterior);
  CHECK(s.uncertainty.posterior->size() == 3);
  CHECK(s.params.attention_mean_weeks == 6.5);
  CHECK(s.params.demand_automated_share == 0.45);
  CHECK(s.uncertainty.drawn_names() ==
        std::vector<std::string>{"attention.mean_weeks", "demand.automated_share"});
}

TEST_CASE("a posterior's point sample is what a single run uses, whole", "[roles][posterior]") {
  TempDir dir;
  std::string text = kPosterior;
  // Sample 2 is not the median of either parameter: a point run takes it as it is.
  text.replace(text.find("parameters = ["), 0, "point_sample = 2\n");
  dir.write("post.toml", text);
  const Scenario s = load_scenario(
      dir.write("s.toml", extending_baseline("[uncertainty]\nposterior = \"post.toml\"\n")));
  REQUIRE(s.uncertainty.posterior);
  CHECK(s.uncertainty.posterior->point_sample == 2u);
  CHECK(s.params.attention_mean_weeks == 8.0);
  CHECK(s.params.demand_automated_share == 0.40);
  CHECK(s.uncertainty.posterior->weighted_median(0) == 6.5);
}

TEST_CASE("the shipped test posterior loads with the medians its comment states",
          "[roles][posterior]") {
  const Posterior p =
      load_posterior(test::source_path("tests/scenario/data/small-posterior.toml"), "x", "k", 0);
  CHECK(p.weighted_median(0) == 6.5);
  CHECK(p.weighted_median(1) == 0.45);
}

TEST_CASE("posterior errors name the file, the parameter and the value", "[roles][posterior]") {
  TempDir dir;
  const std::string scenario = extending_baseline("[uncertainty]\nposterior = \"post.toml\"\n");
  auto error_with = [&](const std::string& posterior) {
    dir.write("post.toml", posterior);
    return error_loading(dir.write("s.toml", scenario));
  };
  SECTION("unknown parameter, with a suggestion") {
    std::string text = kPosterior;
    text.replace(text.find("attention.mean_weeks"), 20, "attention.mean_week");
    const std::string e = error_with(text);
    CHECK_THAT(e, Catch::Contains("post.toml") && Catch::Contains("attention.mean_week") &&
                      Catch::Contains("did you mean 'attention.mean_weeks'"));
  }
  SECTION("a value outside the registry's bounds") {
    std::string text = kPosterior;
    text.replace(text.find("[8.0, 0.40]"), 11, "[8.0, 0.99]");
    const std::string e = error_with(text);
    CHECK_THAT(e, Catch::Contains("post.toml") && Catch::Contains("sample[2]") &&
                      Catch::Contains("demand.automated_share") && Catch::Contains("0.99") &&
                      Catch::Contains("[0, 0.95]"));
  }
  SECTION("weights that do not sum to 1") {
    std::string text = kPosterior;
    text.replace(text.find("weight = 0.2\nvalues = [8.0"), 12, "weight = 0.3");
    const std::string e = error_with(text);
    CHECK_THAT(e, Catch::Contains("post.toml") && Catch::Contains("weight") &&
                      Catch::Contains("sum 1.1") && Catch::Contains("sum to 1"));
  }
  SECTION("a point sample that is not a sample") {
    std::string text = kPosterior;
    text.replace(text.find("parameters = ["), 0, "point_sample = 3\n");
    const std::string e = error_with(text);
    CHECK_THAT(e, Catch::Contains("post.toml") && Catch::Contains("point_sample") &&
                      Catch::Contains("3") && Catch::Contains("0 to 2"));
  }
  SECTION("a point sample of weight zero") {
    std::string text = kPosterior;
    text.replace(text.find("parameters = ["), 0, "point_sample = 0\n");
    text.replace(text.find("weight = 0.2\nvalues = [5.0"), 12, "weight = 0.0");
    text.replace(text.find("weight = 0.6"), 12, "weight = 0.8");
    const std::string e = error_with(text);
    CHECK_THAT(e, Catch::Contains("post.toml") && Catch::Contains("point_sample") &&
                      Catch::Contains("positive weight"));
  }
  SECTION("a sample with the wrong number of values") {
    std::string text = kPosterior;
    text.replace(text.find("[6.5, 0.45]"), 11, "[6.5]");
    CHECK_THAT(error_with(text),
               Catch::Contains("sample[1].values") && Catch::Contains("one per name"));
  }
  SECTION("a mechanism switch is not a posterior parameter") {
    std::string text = kPosterior;
    text.replace(text.find("attention.mean_weeks"), 20, "mechanisms.derivation");
    CHECK_THAT(error_with(text),
               Catch::Contains("mechanisms.derivation") && Catch::Contains("numeric parameters"));
  }
  SECTION("a missing file is reported against the scenario") {
    const std::string e = error_loading(
        dir.write("s2.toml", extending_baseline("[uncertainty]\nposterior = \"nope.toml\"\n")));
    CHECK_THAT(e, Catch::Contains("s2.toml") && Catch::Contains("uncertainty.posterior") &&
                      Catch::Contains("nope.toml") && Catch::Contains("does not exist"));
  }
  SECTION("drawn samples must pass the loader's cross-field checks") {
    const std::string e = error_with(R"(
[posterior]
method = "test"
parameters = ["derivation.finetune_share", "derivation.adapter_share"]
[[sample]]
weight = 1.0
values = [0.8, 0.3]
)");
    CHECK_THAT(e, Catch::Contains("sample[0]") && Catch::Contains("at most 1"));
  }
}

TEST_CASE("explicit parameters override the posterior as the extends chain says",
          "[roles][posterior]") {
  TempDir dir;
  dir.write("post.toml", kPosterior);
  SECTION("in the same file, [parameters] wins") {
    const Scenario s = load_scenario(dir.write(
        "s.toml", extending_baseline("[uncertainty]\nposterior = "
                                     "\"post.toml\"\n[parameters]\nattention.mean_weeks = 3.0\n")));
    CHECK(s.params.attention_mean_weeks == 3.0);
    CHECK(s.params.demand_automated_share == 0.45);
    CHECK(s.uncertainty.drawn_names() == std::vector<std::string>{"demand.automated_share"});
    for (int d = 0; d < 5; ++d) CHECK(draw_parameters(s, d).params.attention_mean_weeks == 3.0);
  }
  SECTION(
      "a posterior replaces the values of the files it extends; an extending file fixes again") {
    // The baseline sets attention.mean_weeks; the posterior declared in mid.toml replaces it.
    const Scenario mid = load_scenario(dir.write(
        "mid.toml", extending_baseline("[uncertainty]\nposterior = \"post.toml\"\n", "mid")));
    CHECK(mid.params.attention_mean_weeks == 6.5);
    const Scenario top =
        load_scenario(dir.write("top.toml",
                                "[scenario]\nextends = \"mid.toml\"\nname = "
                                "\"top\"\n[parameters]\nattention.mean_weeks = 9.0\n"));
    CHECK(top.params.attention_mean_weeks == 9.0);
    CHECK(top.params.demand_automated_share == 0.45);
  }
}

TEST_CASE("parameter ranges: midpoint for a single run, uniform draws for members",
          "[roles][ranges]") {
  TempDir dir;
  const Scenario s = load_scenario(dir.write(
      "s.toml", extending_baseline("[uncertainty.ranges]\nattention.mean_weeks = [4.0, 8.0]\n")));
  CHECK(s.params.attention_mean_weeks == 6.0);
  double lo = 1e9, hi = -1e9, sum = 0;
  const int n = 2000;
  for (int d = 0; d < n; ++d) {
    const double v = draw_parameters(s, d).params.attention_mean_weeks;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    sum += v;
  }
  CHECK(lo >= 4.0);
  CHECK(hi <= 8.0);
  CHECK(hi - lo > 3.9);
  // Mean of a uniform on [4, 8]: 6, standard error 1.155 / sqrt(2000) = 0.026; 5 SE.
  CHECK(sum / n == Approx(6.0).margin(0.13));

  SECTION("a range may not repeat a [parameters] key of the same file") {
    const std::string e = error_loading(dir.write(
        "bad.toml",
        extending_baseline("[parameters]\nattention.mean_weeks = "
                           "5.0\n[uncertainty.ranges]\nattention.mean_weeks = [4.0, 8.0]\n")));
    CHECK_THAT(e, Catch::Contains("uncertainty.ranges.attention.mean_weeks") &&
                      Catch::Contains("not both"));
  }
  SECTION("unknown parameters and reversed bounds are errors") {
    CHECK_THAT(error_loading(dir.write(
                   "u.toml",
                   extending_baseline("[uncertainty.ranges]\nattention.mean_wek = [4.0, 8.0]\n"))),
               Catch::Contains("did you mean 'attention.mean_weeks'"));
    CHECK_THAT(error_loading(dir.write(
                   "r.toml", extending_baseline(
                                 "[uncertainty.ranges]\nattention.mean_weeks = [8.0, 4.0]\n"))),
               Catch::Contains("low <= high"));
    CHECK_THAT(error_loading(dir.write(
                   "b.toml", extending_baseline(
                                 "[uncertainty.ranges]\ndemand.automated_share = [0.5, 0.99]\n"))),
               Catch::Contains("[0, 0.95]"));
  }
}

TEST_CASE("draws are common random numbers: the same seed and draw give the same values",
          "[roles][draws]") {
  TempDir dir;
  dir.write("post.toml", kPosterior);
  const std::string uncertainty =
      "[uncertainty]\nposterior = \"post.toml\"\n[uncertainty.ranges]\nusers.tier_upgrade_per_year "
      "= [0.05, 0.1]\n";
  const Scenario a = load_scenario(dir.write("a.toml", extending_baseline(uncertainty, "a")));
  // A different scenario (an extra event and an extra range) draws the same sample and the same
  // value for the shared range.
  const Scenario b = load_scenario(dir.write(
      "b.toml",
      extending_baseline(uncertainty +
                             "attention.residual = [0.01, 0.05]\n[[events]]\ntype = "
                             "\"hardware_shift\"\ndate = 2024-01-01\ntier_memory_multiplier = 2\n",
                         "b")));
  std::map<int, int> counts;
  const int n = 3000;
  for (int d = 0; d < n; ++d) {
    const ParameterDraw da = draw_parameters(a, d), db = draw_parameters(b, d);
    CHECK(da.posterior_sample == db.posterior_sample);
    CHECK(da.params.users_tier_upgrade_per_year == db.params.users_tier_upgrade_per_year);
    ++counts[da.posterior_sample];
  }
  // Samples are drawn by weight (0.2, 0.6, 0.2): binomial SEs about 0.009; 5 SE.
  CHECK(counts[0] / double(n) == Approx(0.2).margin(0.037));
  CHECK(counts[1] / double(n) == Approx(0.6).margin(0.045));
  CHECK(counts[2] / double(n) == Approx(0.2).margin(0.037));
  // Another seed gives other draws.
  Scenario c = a;
  c.info.seed += 1;
  int same = 0;
  for (int d = 0; d < 50; ++d)
    same += draw_parameters(c, d).params.users_tier_upgrade_per_year ==
            draw_parameters(a, d).params.users_tier_upgrade_per_year;
  CHECK(same == 0);
}

TEST_CASE("outcomes name defined statistics of years inside the window", "[roles][outcomes]") {
  TempDir dir;
  const std::string ok = R"(
[[outcomes]]
statistic = "home_share_kr_2025"
direction = "higher_is_better"
label = "KR-developed share of KR downloads in 2025"
)";
  const Scenario s = load_scenario(dir.write("ok.toml", extending_baseline(ok)));
  REQUIRE(s.outcomes.size() == 1);
  CHECK(s.outcomes[0].direction == OutcomeDirection::kHigherIsBetter);
  auto with = [&](const std::string& from, const std::string& to) {
    std::string text = ok;
    text.replace(text.find(from), from.size(), to);
    return error_loading(dir.write("bad.toml", extending_baseline(text)));
  };
  CHECK_THAT(with("home_share_kr_2025", "home_shares_kr_2025"),
             Catch::Contains("outputs/STATISTICS.md"));
  CHECK_THAT(with("home_share_kr_2025", "home_share_kr_2030"),
             Catch::Contains("inside the window"));
  CHECK_THAT(with("higher_is_better", "up"),
             Catch::Contains("higher_is_better") && Catch::Contains("lower_is_better"));
  CHECK_THAT(error_loading(dir.write("dup.toml", extending_baseline(ok + ok))),
             Catch::Contains("already an outcome"));
}

TEST_CASE("every shipped scenario loads with its outcomes", "[roles][shipped]") {
  for (const char* path :
       {"scenarios/forecast-2028.toml", "scenarios/sovereignty/korea-champions.toml",
        "scenarios/sovereignty/eu-swiss-public-compute.toml",
        "scenarios/sovereignty/uk-open-mandate.toml", "scenarios/sovereignty/us-restricts-cn.toml",
        "scenarios/sovereignty/cn-restricts-us.toml",
        "scenarios/counterfactual/no-landmark-2025.toml",
        "scenarios/counterfactual/all-continuous-updates.toml"}) {
    INFO(path);
    const Scenario s = load_scenario(test::source_path(path));
    CHECK(!s.outcomes.empty());
    std::ifstream in(test::source_path(path));
    std::string first;
    std::getline(in, first);
    CHECK(first.rfind("# ", 0) == 0);  // each file starts with a comment saying its question
  }
}
