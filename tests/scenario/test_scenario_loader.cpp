#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/errors.h"
#include "events/event.h"
#include "scenario/parameter_registry.h"
#include "scenario/scenario_loader.h"
#include "support/test_scenarios.h"

using namespace hubsim;
namespace fs = std::filesystem;

namespace {

std::string baseline_text() {
  std::ifstream in(test::source_path("scenarios/baseline.toml"));
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The shipped baseline's text with one line replaced (or appended when `from` is empty).
std::string baseline_with(const std::string& from, const std::string& to) {
  std::string text = baseline_text();
  if (from.empty()) return text + "\n" + to + "\n";
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// The shipped baseline with `name = value` in its [parameters], replacing the line that sets
// `name` if there is one (which parameters the baseline sets changes with each calibration).
std::string baseline_with_parameter(const std::string& name, const std::string& value) {
  std::string text = baseline_text();
  const size_t line = text.find("\n" + name + " = ");
  if (line != std::string::npos) text.erase(line + 1, text.find('\n', line + 1) - line);
  const size_t table = text.find("[parameters]\n");
  REQUIRE(table != std::string::npos);
  return text.insert(table + 13, name + " = " + value + "\n");
}

// Loads text and returns the error message (fails the test if it loads).
std::string error_of(const std::string& text) {
  try {
    load_scenario_text(text, "t.toml", test::source_path("scenarios"));
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("scenario loaded although it is invalid");
  return "";
}

struct TempDir {
  fs::path path = fs::temp_directory_path() /
                  ("hubsim-test-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

}  // namespace

TEST_CASE("the shipped baseline loads with its parameters and events", "[scenario]") {
  const Scenario& s = test::baseline();
  CHECK(s.info.name == "baseline");
  CHECK(s.info.scale == 1.0);
  CHECK(s.regions.size() == 7);
  CHECK(s.region_index("CN").has_value());
  CHECK(s.tasks.size() == 5);
  CHECK(s.named_publisher_index("Alibaba").has_value());
  CHECK(s.events.size() == 3);
  CHECK(get_parameter(s.params, "demand.downloads_per_user_week") == 25.0);
  // A calibrated parameter comes from the posterior: a single run uses its point sample.
  REQUIRE(s.uncertainty.posterior.has_value());
  const Posterior& post = *s.uncertainty.posterior;
  REQUIRE_FALSE(post.parameters.empty());
  // (Which parameters are calibrated changes with each calibration: take the first.)
  CHECK(get_parameter(s.params, post.parameters.front()) == post.point_value(0));
  CHECK(s.params.mechanisms.derivation);
  CHECK(s.calendar().n_steps() == 305);
  CHECK_FALSE(s.resolved_text.empty());
  CHECK(s.file_text.find("[scenario]") != std::string::npos);
}

TEST_CASE("unknown keys are rejected with a suggestion and the line", "[scenario]") {
  const std::string msg =
      error_of(baseline_with("[parameters]\n", "[parameters]\nattention.mean_weeek = 6.0\n"));
  CHECK_THAT(msg, Catch::Contains("parameters.attention.mean_weeek"));
  CHECK_THAT(msg, Catch::Contains("did you mean 'attention.mean_weeks'"));
  CHECK_THAT(msg, Catch::Contains("t.toml:"));
  CHECK_THAT(error_of(baseline_with("home_bias = 1.5", "home_bais = 1.5")),
             Catch::Contains("did you mean 'home_bias'"));
  CHECK_THAT(error_of(baseline_with("", "[scenerio]\nx = 1")),
             Catch::Contains("did you mean 'scenario'"));
}

TEST_CASE("values outside their bounds name the key, value and range", "[scenario]") {
  const std::string msg = error_of(baseline_with_parameter("attention.mean_weeks", "-3"));
  CHECK_THAT(msg, Catch::Contains("parameters.attention.mean_weeks"));
  CHECK_THAT(msg, Catch::Contains("-3"));
  CHECK_THAT(msg, Catch::Contains("[0.25, 520]"));
  CHECK_THAT(error_of(baseline_with_parameter("attention.mean_weeks", "nan")),
             Catch::Contains("finite"));
  CHECK_THAT(error_of(baseline_with_parameter("attention.mean_weeks", "\"six\"")),
             Catch::Contains("a finite number"));
  CHECK_THAT(error_of(baseline_with("step_days = 7", "step_days = 7.5")),
             Catch::Contains("whole number"));
  CHECK_THAT(error_of(baseline_with("scale = 1.0", "scale = 0")),
             Catch::Contains("scenario.scale"));
}

TEST_CASE("cross-field problems are reported", "[scenario]") {
  CHECK_THAT(error_of(baseline_with("end = 2026-03-31", "end = 2019-01-01")),
             Catch::Contains("after scenario.start"));
  CHECK_THAT(error_of(baseline_with("user_share = 0.22", "user_share = 0.5")),
             Catch::Contains("must sum to 1"));
  CHECK_THAT(error_of(baseline_with("region = \"KR\"", "region = \"KO\"")),
             Catch::Contains("a region of [[regions]]"));
  CHECK_THAT(error_of(baseline_with("publisher = \"DeepSeek\"", "publisher = \"Deepseek\"")),
             Catch::Contains("events[0].publisher"));
  CHECK_THAT(error_of(baseline_with("type = \"landmark_release\"", "type = \"landmark_releas\"")),
             Catch::Contains("did you mean \"landmark_release\""));
  CHECK_THAT(error_of(baseline_with("seed = 20260301\n", "")), Catch::Contains("scenario.seed"));
  CHECK_THAT(
      error_of(baseline_with("derivation.merge_share = 0.05", "derivation.merge_share = 0.5")),
      Catch::Contains("at most 1"));
  // Repositories per size belong to named families; a group-only pivot cannot have them.
  CHECK_THAT(error_of(baseline_with(
                 "release_rate_multiplier = 2.0\nopenness = 1.0",
                 "release_rate_multiplier = 2.0\nvariants_per_size = 3\nopenness = 1.0")),
             Catch::Contains("variants_per_size") && Catch::Contains("named publishers"));
  CHECK_THAT(error_of(baseline_with("variants_per_size = 4", "variants_per_size = 2.5")),
             Catch::Contains("variants_per_size"));
  // A family's size dates: one per size, each a date.
  const std::string kimi = "sizes_from = [2025-02-22, 2025-10-30, 2025-07-11]";
  CHECK_THAT(error_of(baseline_with(kimi, "sizes_from = [2025-02-22, 2025-10-30]")),
             Catch::Contains("families[0].sizes_from") &&
                 Catch::Contains("[ 2025-02-22, 2025-10-30 ]") && Catch::Contains("(2 dates)") &&
                 Catch::Contains("3 dates, one per size of sizes_b"));
  CHECK_THAT(error_of(baseline_with(kimi, "sizes_from = [2025-02-22, \"2025-10-30\", 2025-07-11]")),
             Catch::Contains("sizes_from[1]") && Catch::Contains("\"2025-10-30\"") &&
                 Catch::Contains("a date written YYYY-MM-DD (no quotes)"));
  CHECK_THAT(error_of(baseline_with(kimi, "sizes_from = []")),
             Catch::Contains("sizes_from") && Catch::Contains("0 dates"));
  // A family none of whose sizes is out before it ends would never release.
  CHECK_THAT(error_of(baseline_with(kimi, kimi + "\nuntil = 2025-02-20")),
             Catch::Contains("families[0].sizes_from") && Catch::Contains("2025-02-22") &&
                 Catch::Contains("on or before until (2025-02-20)"));
  CHECK_THAT(error_of(baseline_with(kimi, "sizes_from = [2025-02-22, 1800-10-30, 2025-07-11]")),
             Catch::Contains("sizes_from[1]") && Catch::Contains("between 1900-01-01"));
  CHECK_THAT(error_of(baseline_with(kimi, "sizes_from = 2025-02-22")),
             Catch::Contains("sizes_from") && Catch::Contains("a list of dates"));
}

TEST_CASE("syntax errors, duplicated keys and empty input are input errors", "[scenario]") {
  CHECK_THAT(error_of("[scenario\nname = 1"), Catch::Contains("not valid TOML"));
  CHECK_THAT(error_of(baseline_with("", "[scenario]\nname = \"again\"")),
             Catch::Contains("not valid TOML"));
  CHECK_THAT(error_of(""), Catch::Contains("scenario"));
  CHECK_THAT(error_of(std::string("\x00\xff\xfe garbage", 12)), Catch::Contains("t.toml"));
}

TEST_CASE("a scenario can extend another: tables merge, events append, events can be disabled",
          "[scenario]") {
  TempDir dir;
  // The copy in a temporary directory names the shipped posterior by its absolute path.
  const std::string posterior = test::source_path("calibration/baseline-posterior.toml");
  const std::string base = dir.write(
      "base.toml",
      baseline_with("\"../calibration/baseline-posterior.toml\"", "\"" + posterior + "\""));
  const std::string child =
      dir.write("child.toml",
                "[scenario]\nextends = \"base.toml\"\nname = \"child\"\nend = 2028-12-31\n"
                "disable_events = [\"deepseek-r1\"]\n[parameters]\nattention.mean_weeks = 4.5\n"
                "[[publishers]]\nname = \"Alibaba\"\nreport_releases = true\n"
                "[[events]]\ntype = \"strategic_pivot\"\nid = \"extra\"\ndate = "
                "2027-01-01\npublishers = [\"Meta\"]\n"
                "release_rate_multiplier = 2.0\n");
  const Scenario s = load_scenario(child);
  CHECK(s.info.name == "child");
  CHECK(s.info.end == Date{2028, 12, 31});
  CHECK(s.info.start == Date{2020, 6, 1});
  CHECK(get_parameter(s.params, "attention.mean_weeks") == 4.5);
  CHECK(get_parameter(s.params, "quality.adapter_factor") == 0.002);
  const int alibaba = *s.named_publisher_index("Alibaba");
  CHECK(s.named_publishers[size_t(alibaba)].report_releases);
  CHECK(s.named_publishers[size_t(alibaba)].families.front().id == "qwen");
  std::vector<std::string> ids;
  for (const auto& e : s.events) ids.push_back(e->id());
  CHECK(ids == std::vector<std::string>{"cn-pivot-2025", "cn-industry-2025", "extra"});
}

TEST_CASE("extends cycles, missing bases and unknown disabled events are errors", "[scenario]") {
  TempDir dir;
  dir.write("a.toml", "[scenario]\nextends = \"b.toml\"\n");
  const std::string b = dir.write("b.toml", "[scenario]\nextends = \"a.toml\"\n");
  try {
    load_scenario(b);
    FAIL("cycle accepted");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("extend itself"));
  }
  const std::string c = dir.write("c.toml", "[scenario]\nextends = \"missing.toml\"\n");
  CHECK_THROWS_WITH(load_scenario(c), Catch::Contains("does not exist"));
  const std::string d = dir.write("d.toml", "[scenario]\nextends = \"" +
                                                test::source_path("scenarios/baseline.toml") +
                                                "\"\ndisable_events = [\"nope\"]\n");
  CHECK_THROWS_WITH(load_scenario(d), Catch::Contains("deepseek-r1"));
  CHECK_THROWS_WITH(load_scenario((dir.path / "absent.toml").string()),
                    Catch::Contains("does not exist"));
}

TEST_CASE("set_parameter validates names and bounds", "[scenario]") {
  Parameters p = default_parameters();
  set_parameter(p, "demand.automated_share", 0.3, "test");
  CHECK(get_parameter(p, "demand.automated_share") == 0.3);
  CHECK_THROWS_WITH(set_parameter(p, "demand.automated_shar", 0.3, "x"),
                    Catch::Contains("did you mean"));
  CHECK_THROWS_WITH(set_parameter(p, "demand.automated_share", 2.0, "x"),
                    Catch::Contains("[0, 0.95]"));
  set_parameter(p, "mechanisms.derivation", 0, "test");
  CHECK_FALSE(p.mechanisms.derivation);
}
