// The free-parameters file: loading, unit coordinates, priors, and every kind of bad entry.
#include <catch2/catch.hpp>

#include <cmath>

#include "calibration/free_parameters.h"
#include "core/errors.h"
#include "support/test_scenarios.h"

using namespace hubsim;
using namespace hubsim::calibration;

namespace {

FreeParameterSet load(const std::string& text) {
  return load_free_parameters_text(text, "free.toml");
}

// The InputError of loading `text` (fails the test when there is none).
InputError error_of(const std::string& text) {
  try {
    load(text);
  } catch (const InputError& e) {
    return e;
  }
  FAIL("no InputError for:\n" << text);
  throw std::logic_error("unreachable");
}

const char* kGood = R"(
[[parameter]]
name = "attention.mean_weeks"
bounds = [2.0, 16.0]
prior = "log-uniform"
reason = "engagement"

[[parameter]]
name = "demand.automated_share"
bounds = [0.1, 0.7]
reason = "concentration"

[[parameter]]
name = "users.growth_per_year"
bounds = [0.3, 1.0]
prior = "normal"
mean = 0.6
sd = 0.1
reason = "users"
)";

}  // namespace

TEST_CASE("free parameters: the shipped file loads and names registry parameters",
          "[calibration]") {
  const FreeParameterSet set =
      load_free_parameters(test::source_path("calibration/free-parameters.toml"));
  REQUIRE(set.size() >= 10);
  for (const auto& p : set.params) {
    CHECK(p.lo < p.hi);
    CHECK_FALSE(p.reason.empty());
  }
}

TEST_CASE("free parameters: unit coordinates are linear or logarithmic and round-trip",
          "[calibration]") {
  const FreeParameterSet set = load(kGood);
  REQUIRE(set.size() == 3);
  const FreeParameter& att = set.params[0];
  CHECK(att.prior == PriorKind::kLogUniform);
  CHECK(att.to_unit(2.0) == Approx(0.0).margin(1e-12));
  CHECK(att.to_unit(16.0) == Approx(1.0));
  CHECK(att.from_unit(0.5) == Approx(std::sqrt(2.0 * 16.0)));  // geometric midpoint
  const FreeParameter& share = set.params[1];
  CHECK(share.prior == PriorKind::kUniform);
  CHECK(share.from_unit(0.5) == Approx(0.4));
  for (double u : {0.0, 0.13, 0.5, 0.97, 1.0})
    for (const auto& p : set.params) CHECK(p.to_unit(p.from_unit(u)) == Approx(u).margin(1e-12));
  CHECK(share.from_unit(1.5) == 0.7);  // clamped into the bounds
}

TEST_CASE("free parameters: priors in unit coordinates", "[calibration]") {
  const FreeParameterSet set = load(kGood);
  // Uniform and log-uniform: density 1 on [0, 1], zero outside.
  CHECK(set.params[0].log_prior_unit(0.3) == 0.0);
  CHECK(std::isinf(set.params[1].log_prior_unit(1.2)));
  // Truncated normal: highest at the mean, integrates to 1 over [0, 1].
  const FreeParameter& g = set.params[2];
  const double at_mean = g.log_prior_unit(g.to_unit(0.6));
  CHECK(at_mean > g.log_prior_unit(g.to_unit(0.9)));
  double integral = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) integral += std::exp(g.log_prior_unit((i + 0.5) / n)) / n;
  CHECK(integral == Approx(1.0).epsilon(1e-4));
  // Draws follow the truncated normal: mean 0.6 (symmetric truncation at +-3 sd is negligible
  // on the low side only, so compare with a tolerance of a few standard errors).
  double sum = 0;
  const int draws = 4000;
  for (int i = 0; i < draws; ++i) {
    Stream rng(StreamKey::derive(1, 2), Purpose::kCalibrationPosterior, 0, uint32_t(i));
    const double u = g.sample_prior_unit(rng);
    REQUIRE(u >= 0.0);
    REQUIRE(u <= 1.0);
    sum += g.from_unit(u);
  }
  CHECK(sum / draws == Approx(0.6).margin(0.006));
}

TEST_CASE("free parameters: bad files are InputErrors naming file, key and what is allowed",
          "[calibration]") {
  SECTION("not TOML") {
    const InputError e = error_of("[[parameter]\nname = ");
    CHECK(e.file() == "free.toml");
    CHECK(e.line() > 0);
  }
  SECTION("no parameters") {
    CHECK(error_of("").key() == "parameter");
  }
  SECTION("unknown parameter, with a suggestion") {
    const InputError e = error_of(
        "[[parameter]]\nname = \"attention.mean_week\"\nbounds = [1, 2]\nreason = \"r\"\n");
    CHECK(e.key() == "parameter[0].name");
    CHECK(e.line() == 2);
    CHECK(std::string(e.what()).find("did you mean 'attention.mean_weeks'") != std::string::npos);
  }
  SECTION("a mechanism switch is not a free parameter") {
    CHECK(error_of("[[parameter]]\nname = \"mechanisms.growth\"\nbounds = [0, 1]\nreason = \"r\"\n")
              .key() == "parameter[0].name");
  }
  SECTION("bounds outside the registry's") {
    const InputError e = error_of(
        "[[parameter]]\nname = \"demand.automated_share\"\nbounds = [0.1, 0.99]\nreason = \"r\"\n");
    CHECK(e.key() == "parameter[0].bounds");
    CHECK(e.allowed().find("0.95") != std::string::npos);
  }
  SECTION("lo >= hi") {
    CHECK(error_of("[[parameter]]\nname = \"demand.automated_share\"\nbounds = [0.5, 0.5]\nreason "
                   "= \"r\"\n")
              .key() == "parameter[0].bounds");
  }
  SECTION("three bounds") {
    CHECK(error_of("[[parameter]]\nname = \"demand.automated_share\"\nbounds = [0.1, 0.2, "
                   "0.3]\nreason = \"r\"\n")
              .key() == "parameter[0].bounds");
  }
  SECTION("log-uniform needs lo > 0") {
    CHECK(error_of("[[parameter]]\nname = \"attention.residual\"\nbounds = [0, 1]\nprior = "
                   "\"log-uniform\"\n"
                   "reason = \"r\"\n")
              .key() == "parameter[0].bounds");
  }
  SECTION("unknown prior") {
    const InputError e = error_of(
        "[[parameter]]\nname = \"attention.residual\"\nbounds = [0, 1]\nprior = "
        "\"loguniform\"\nreason = \"r\"\n");
    CHECK(e.key() == "parameter[0].prior");
    CHECK(std::string(e.what()).find("log-uniform") != std::string::npos);
  }
  SECTION("normal prior without sd") {
    CHECK(error_of(
              "[[parameter]]\nname = \"attention.residual\"\nbounds = [0, 1]\nprior = \"normal\"\n"
              "mean = 0.5\nreason = \"r\"\n")
              .key() == "parameter[0].sd");
  }
  SECTION("mean and sd only with a normal prior") {
    CHECK(error_of("[[parameter]]\nname = \"attention.residual\"\nbounds = [0, 1]\nmean = "
                   "0.5\nreason = \"r\"\n")
              .key() == "parameter[0].mean");
  }
  SECTION("a normal prior with no mass in the bounds") {
    CHECK(error_of(
              "[[parameter]]\nname = \"attention.residual\"\nbounds = [0, 1]\nprior = \"normal\"\n"
              "mean = 9\nsd = 0.1\nreason = \"r\"\n")
              .key() == "parameter[0].mean");
  }
  SECTION("declared twice") {
    const std::string one =
        "[[parameter]]\nname = \"attention.residual\"\nbounds = [0, 1]\nreason = \"r\"\n";
    CHECK(error_of(one + one).key() == "parameter[1].name");
  }
  SECTION("missing reason") {
    CHECK(error_of("[[parameter]]\nname = \"attention.residual\"\nbounds = [0, 1]\n").key() ==
          "parameter[0].reason");
  }
  SECTION("unknown key") {
    const InputError e = error_of(
        "[[parameter]]\nname = \"attention.residual\"\nbounds = [0, 1]\nreason = \"r\"\nprio = "
        "\"uniform\"\n");
    CHECK(e.key() == "parameter[0].prio");
  }
  SECTION("missing file") {
    CHECK_THROWS_AS(load_free_parameters("/nonexistent/free.toml"), InputError);
  }
}
