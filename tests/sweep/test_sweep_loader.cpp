// Sweep files: a valid file loads; every kind of mistake is an InputError naming the file, the
// key, the value and what is allowed (with a did-you-mean for names).
#include <catch2/catch.hpp>
#include <string>

#include "core/errors.h"
#include "scenario/scenario_loader.h"
#include "sim/simulation.h"
#include "sweep/outcome_keys.h"
#include "sweep/sweep_loader.h"
#include "sweep/sweep_plan.h"
#include "sweep_test_util.h"

using namespace hubsim::sweep;
using Catch::Matchers::Contains;
using hubsim::InputError;

namespace {

const std::string kHead = R"([sweep]
name = "t"
scenario = "small-base.toml"
)";

const std::string kGood = kHead + R"(sampler = "saltelli"
samples = 8
replications = 2
seed = 5
outcomes = ["download_share_cn_2022", "gini_downloads_2021"]

[[parameters]]
name = "attention.mean_weeks"
min = 3
max = 9
spacing = "log"

[[parameters]]
name = "mechanisms.home_bias"
levels = [0, 1]

[sensitivity]
bootstrap = 200
)";

SweepSpec load(const std::string& text) {
  return load_sweep_text(text, "test.toml", testing::data_dir());
}

// The message of the InputError that loading (and planning) `text` throws.
std::string error_of(const std::string& text) {
  try {
    make_plan(load(text));
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("no InputError for:\n" << text);
  return "";
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("A valid sweep file loads", "[sweep][loader]") {
  const SweepPlan plan = make_plan(load(kGood));
  const SweepSpec& s = plan.spec;
  CHECK(s.name == "t");
  CHECK(s.sampler == SamplerKind::kSaltelli);
  CHECK(s.samples == 8);
  CHECK(s.replications == 2);
  CHECK(s.seed == 5);
  CHECK(s.scale == 0.002);  // the base scenario's
  CHECK(s.base.info.name == "sweep-test-base");
  CHECK(s.parameters.size() == 2);
  CHECK(s.parameters[0].spacing == Spacing::kLog);
  CHECK(s.parameters[1].is_switch);
  CHECK(s.sensitivity.bootstrap == 200);
  CHECK(plan.experiments() == 8 * 4);
  CHECK(plan.fingerprint.size() == 16);
  // The fingerprint follows everything that determines results.
  SweepSpec other = load(kGood);
  other.scale = 0.003;
  CHECK(make_plan(std::move(other)).fingerprint != plan.fingerprint);
  CHECK(make_plan(load(kGood)).fingerprint == plan.fingerprint);
  // Experiments run the base scenario with the row's parameters.
  const hubsim::Scenario sc = experiment_scenario(plan, 3);
  CHECK(sc.params.attention_mean_weeks == plan.design.value(3, 0));
  CHECK(sc.params.mechanisms.home_bias == (plan.design.value(3, 1) == 1.0));
  CHECK(sc.info.seed == 5);
  CHECK(sc.info.scale == 0.002);
}

TEST_CASE("Sweep file mistakes are InputErrors naming key, value and what is allowed",
          "[sweep][loader]") {
  CHECK_THAT(
      error_of(replace(kGood, "samples = 8", "smaples = 8")),
      Contains("test.toml:5") && Contains("sweep.smaples") && Contains("did you mean 'samples'"));
  CHECK_THAT(error_of(replace(kGood, "\"saltelli\"", "\"saltelly\"")),
             Contains("sweep.sampler") && Contains("did you mean \"saltelli\""));
  CHECK_THAT(error_of(replace(kGood, "samples = 8\n", "")),
             Contains("sweep.samples") && Contains("required"));
  CHECK_THAT(error_of(replace(kGood, "\"attention.mean_weeks\"", "\"attention.mean_week\"")),
             Contains("parameters[0].name") && Contains("did you mean 'attention.mean_weeks'"));
  CHECK_THAT(error_of(replace(kGood, "max = 9", "max = 900")),
             Contains("parameters[0].max") && Contains("900") && Contains("[0.25, 520]"));
  CHECK_THAT(error_of(replace(kGood, "max = 9", "max = 2")),
             Contains("parameters[0].max") && Contains("above min"));
  CHECK_THAT(error_of(replace(kGood, "min = 3", "min = 0.25\nmox = 4")),
             Contains("parameters[0].mox") && Contains("did you mean 'max'"));
  CHECK_THAT(error_of(replace(kGood, "levels = [0, 1]", "levels = [0, 2]")),
             Contains("parameters[1].levels") && Contains("0 (off) or 1 (on)"));
  CHECK_THAT(error_of(replace(kGood, "levels = [0, 1]", "min = 0\nmax = 1")),
             Contains("mechanism switch takes levels"));
  CHECK_THAT(error_of(replace(kGood, "\"gini_downloads_2021\"", "\"gini_download_2021\"")),
             Contains("sweep.outcomes[1]") && Contains("did you mean 'gini_downloads_2021'"));
  CHECK_THAT(error_of(replace(kGood, "\"gini_downloads_2021\"", "\"download_share_cn_2022\"")),
             Contains("sweep.outcomes[1]") && Contains("each outcome once"));
  CHECK_THAT(error_of(replace(kGood, "small-base.toml", "missing.toml")),
             Contains("sweep.scenario") && Contains("an existing scenario file"));
  CHECK_THAT(error_of(replace(kGood, "replications = 2", "replications = 0")),
             Contains("sweep.replications"));
  CHECK_THAT(error_of(replace(kGood, "bootstrap = 200", "bootstrap = 1")),
             Contains("sensitivity.bootstrap"));
  CHECK_THAT(error_of("[sweep\nname = 1"), Contains("not valid TOML"));
  CHECK_THAT(
      error_of(kHead + "sampler = \"grid\"\nsamples = 3\noutcomes = [\"gini_downloads_2021\"]\n"),
      Contains("sweep.samples") && Contains("not used by sampler \"grid\""));
  CHECK_THAT(
      error_of(kHead + "sampler = \"grid\"\noutcomes = [\"gini_downloads_2021\"]\n"
                       "[[parameters]]\nname = \"attention.mean_weeks\"\nmin = 3\nmax = 9\n"),
      Contains("parameters[0].points") && Contains("required"));
  CHECK_THAT(
      error_of(kHead + "sampler = \"lhs\"\nsamples = 3\noutcomes = [\"gini_downloads_2021\"]\n"),
      Contains("parameters") && Contains("at least one"));
}

TEST_CASE("The cross-parameter rule is checked for every experiment", "[sweep][loader]") {
  const std::string text = kHead + R"(sampler = "grid"
outcomes = ["gini_downloads_2021"]
[[parameters]]
name = "derivation.finetune_share"
levels = [0.5, 0.9]
)";
  CHECK_THAT(error_of(text),
             Contains("experiment 1") && Contains("finetune_share + adapter_share"));
}

TEST_CASE("Design tables: unknown columns, bad numbers and the rule give the CSV line",
          "[sweep][loader]") {
  testing::ScratchDir dir;
  const std::string head =
      replace(kHead, "small-base.toml", testing::data_dir() + "/small-base.toml") +
      "sampler = \"table\"\noutcomes = [\"gini_downloads_2021\"]\n";
  auto with_table = [&](const std::string& csv) {
    dir.write("d.csv", csv);
    return load_sweep_text(head + "design_table = \"d.csv\"\n", "t.toml", dir.path());
  };
  CHECK(make_plan(with_table("attention.mean_weeks\n3\n4.5\n")).experiments() == 2);
  auto table_error = [&](const std::string& csv) {
    try {
      make_plan(with_table(csv));
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(table_error("attention.mean_weks\n3\n"),
             Contains("d.csv:1") && Contains("did you mean 'attention.mean_weeks'"));
  CHECK_THAT(table_error("attention.mean_weeks\n3\nabc\n"),
             Contains("d.csv:3") && Contains("\"abc\""));
  CHECK_THAT(table_error("attention.mean_weeks\n3\n1000\n"),
             Contains("d.csv:3") && Contains("[0.25, 520]"));
  CHECK_THAT(table_error("attention.mean_weeks,demand.automated_share\n3,0.1\n4\n"),
             Contains("d.csv:3") && Contains("2 fields"));
  CHECK_THAT(table_error("attention.mean_weeks\n"), Contains("at least one experiment row"));
  CHECK_THAT(table_error("derivation.finetune_share,derivation.adapter_share\n0.5,0.2\n0.9,0.3\n"),
             Contains("d.csv:3") && Contains("experiment 1"));
  CHECK_THAT(error_of(head), Contains("sweep.design_table") && Contains("required"));
}

TEST_CASE("Outcome keys: every statistic a replication produces is a possible key",
          "[sweep][loader]") {
  // Guards possible_statistic_keys against new statistics or placeholders.
  hubsim::Scenario sc = hubsim::load_scenario(testing::data_dir() + "/small-base.toml");
  const std::set<std::string> keys = possible_statistic_keys(sc);
  const hubsim::ReplicationResult r = hubsim::run_replication(sc, 0);
  REQUIRE(!r.stats.empty());
  for (const auto& s : r.stats) {
    INFO(s.key);
    CHECK(keys.count(s.key) == 1);
  }
}
