// Checkpoint and posterior files: exact round trips and the posterior format contract.
#include <catch2/catch.hpp>

#include <toml++/toml.h>

#include <unistd.h>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "calibration/checkpoint.h"
#include "calibration/posterior_file.h"
#include "calibration/recovery.h"
#include "calibration/targets.h"
#include "core/counter_rng.h"
#include "core/errors.h"
#include "io/hdf5_file.h"
#include "support/test_scenarios.h"

using namespace hubsim;
using namespace hubsim::calibration;

namespace {

std::string temp_dir() {
  const auto dir =
      std::filesystem::temp_directory_path() / ("hubsim-calib-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir.string();
}

Eigen::MatrixXd awkward(int r, int c, uint32_t seed) {
  Eigen::MatrixXd m(r, c);
  for (int i = 0; i < r; ++i)
    for (int j = 0; j < c; ++j) {
      Stream rng(StreamKey::derive(seed, 0), Purpose::kCalibrationSearch, uint32_t(i), uint32_t(j));
      m(i, j) = rng.normal() * std::pow(10.0, rng.uniform() * 20 - 10);  // every digit matters
    }
  return m;
}

}  // namespace

TEST_CASE("checkpoint: the state round-trips bit for bit", "[calibration]") {
  CalibrationState s;
  s.fingerprint = "0123456789abcdef";
  s.stage = Stage::kPosterior;
  s.budget_runs = 1234;
  s.seconds_per_run = 0.123;
  s.runs_done = 777;
  s.pilot = awkward(8, 5, 1);
  s.weighting_pilot = awkward(4, 4, 2);
  s.screening_outputs = {awkward(4, 4, 3), awkward(4, 4, 4)};
  s.active = {0, 2, 3};
  s.cma.mean = awkward(3, 1, 5).col(0);
  s.cma.C = awkward(3, 3, 6);
  s.cma.pc = awkward(3, 1, 7).col(0);
  s.cma.ps = awkward(3, 1, 8).col(0);
  s.cma.sigma = 0.0123456789;
  s.cma.generation = 17;
  s.search_history = {{0, 1.5, 1.6, 0.3, 100}, {1, 1.25, 1.3, 0.28, 130}};
  s.search_best = awkward(3, 1, 9).col(0);
  s.search_best_distance = 1.25;
  s.search_stall = 2;
  s.search_stop = "no improvement";
  s.optimum_reps = awkward(8, 5, 10);
  s.weighting = awkward(4, 4, 11);
  s.abc_generation = 3;
  s.population.particles = awkward(6, 3, 12);
  s.population.weights = awkward(6, 1, 13).col(0).cwiseAbs();
  s.population.distances = awkward(6, 1, 14).col(0);
  s.population.epsilon = HUGE_VAL;
  s.pending_particles = awkward(2, 3, 15);
  s.pending_distances = awkward(2, 1, 16).col(0);
  s.pending_next_candidate = 32;
  s.pending_candidates = 30;
  s.pending_accepted = 11;
  s.posterior_history = {{0, 2.5, 6, 6, 5.5, 2.0, 400, 6}, {1, 2.1, 192, 57, 64.0, 1.8, 1168, 49}};
  const std::string path = temp_dir() + "/state.h5";
  write_checkpoint(path, s);
  const CalibrationState r = read_checkpoint(path);
  CHECK(r.fingerprint == s.fingerprint);
  CHECK(r.stage == s.stage);
  CHECK(r.budget_runs == s.budget_runs);
  CHECK(r.runs_done == s.runs_done);
  CHECK(r.pilot == s.pilot);
  CHECK(r.weighting_pilot == s.weighting_pilot);
  REQUIRE(r.screening_outputs.size() == 2);
  CHECK(r.screening_outputs[1] == s.screening_outputs[1]);
  CHECK(r.active == s.active);
  CHECK(r.cma.mean == s.cma.mean);
  CHECK(r.cma.C == s.cma.C);
  CHECK(r.cma.pc == s.cma.pc);
  CHECK(r.cma.ps == s.cma.ps);
  CHECK(r.cma.sigma == s.cma.sigma);
  CHECK(r.cma.generation == 17);
  REQUIRE(r.search_history.size() == 2);
  CHECK(r.search_history[1].best == 1.25);
  CHECK(r.search_history[1].runs_done == 130);
  CHECK(r.search_best == s.search_best);
  CHECK(r.search_stop == s.search_stop);
  CHECK(r.optimum_reps == s.optimum_reps);
  CHECK(r.weighting == s.weighting);
  CHECK(r.abc_generation == 3);
  CHECK(r.population.particles == s.population.particles);
  CHECK(r.population.weights == s.population.weights);
  CHECK(r.population.distances == s.population.distances);
  CHECK(std::isinf(r.population.epsilon));
  CHECK(r.pending_particles == s.pending_particles);
  CHECK(r.pending_distances == s.pending_distances);
  CHECK(r.pending_next_candidate == 32);
  CHECK(r.pending_candidates == 30);
  CHECK(r.pending_accepted == 11);
  REQUIRE(r.posterior_history.size() == 2);
  CHECK(r.posterior_history[0].ess == 5.5);
  CHECK(r.posterior_history[1].accepted == 57);
  CHECK(r.posterior_history[1].distinct == 49);
  std::filesystem::remove_all(temp_dir());
}

TEST_CASE("checkpoint: a file that is not a checkpoint is an InputError", "[calibration]") {
  const std::string path = temp_dir() + "/other.h5";
  {
    io::File f = io::File::create(path);
    f.set_attr("", "kind", "something else");
    f.close();
  }
  CHECK_THROWS_AS(read_checkpoint(path), InputError);
  std::filesystem::remove_all(temp_dir());
}

TEST_CASE("posterior file: follows the contract and reads back exactly", "[calibration]") {
  const std::string dir = temp_dir() + "/calibration";
  std::filesystem::create_directories(dir);
  PosteriorFile p;
  p.method = "abc-smc";
  p.created_utc = "2026-11-23T12:00:00Z";
  p.hubsim_version = "0.1.0";
  p.parameters = {"attention.mean_weeks", "demand.automated_share"};
  p.values = awkward(5, 2, 20).cwiseAbs();
  p.values(0, 0) = 6.0;  // an integral value must still be written as a TOML float
  p.weights = awkward(5, 1, 21).col(0).cwiseAbs();
  p.weights /= p.weights.sum();
  p.point_sample = 3;
  const std::string path = dir + "/baseline-posterior.toml";
  write_posterior(path, p, temp_dir() + "/scenarios/baseline.toml", dir + "/targets.toml",
                  {"a comment"});

  const toml::table doc = toml::parse_file(path);
  CHECK(doc["posterior"]["scenario"].value<std::string>() == "../scenarios/baseline.toml");
  CHECK(doc["posterior"]["targets"].value<std::string>() == "targets.toml");
  CHECK(doc["posterior"]["method"].value<std::string>() == "abc-smc");
  CHECK(doc["posterior"]["created_utc"].value<std::string>() == "2026-11-23T12:00:00Z");
  CHECK(doc["posterior"]["hubsim_version"].value<std::string>() == "0.1.0");
  CHECK(doc["sample"].as_array()->size() == 5);
  CHECK(doc["sample"][0]["values"][0].is_floating_point());
  CHECK(doc["posterior"]["point_sample"].value<int64_t>() == 3);

  const PosteriorFile r = read_posterior(path);
  CHECK(r.point_sample == 3);
  CHECK(r.parameters == p.parameters);
  CHECK(r.values == p.values);
  CHECK(r.weights == p.weights);
  std::filesystem::remove_all(temp_dir());
}

TEST_CASE("recovery: synthetic targets are valid targets centred on the engine's output",
          "[calibration]") {
  const TargetSet real = load_targets(test::source_path("calibration/targets.toml"));
  std::vector<std::string> keys{"download_share_cn", "models_total_2025", "releases_baidu_2024"};
  Eigen::MatrixXd reps(4, 3);
  reps << 0.30, 1.0e6, 0,  //
      0.32, 1.2e6, 0,      //
      0.34, 1.1e6, 0,      //
      0.36, 0.9e6, 0;
  const TargetSet syn =
      load_targets_text(synthetic_targets_toml(real, reps, keys, "test"), "syn.toml");
  REQUIRE(syn.targets.size() == 3);
  const Target* share = syn.find("download_share_cn");
  CHECK(share->value.value() == Approx(0.33));
  CHECK(share->contains(0.33));
  // The real range [0.37, 0.45] is +-0.04 around 0.41 (relative 0.0976); at least 2 sd here.
  CHECK(share->hi - 0.33 == Approx(std::max(0.33 * 0.04 / 0.41, 2 * 0.0258199)).epsilon(1e-3));
  const Target* models = syn.find("models_total_2025");
  CHECK(models->log_transform);
  CHECK(models->contains(1.05e6));
  CHECK(syn.find("releases_baidu_2024")->hi > 0);  // zero everywhere: keeps the real width
}

TEST_CASE("recovery: truth files name free parameters within their bounds", "[calibration]") {
  const FreeParameterSet free =
      load_free_parameters(test::source_path("calibration/free-parameters.toml"));
  const Parameters& params = test::baseline().params;
  const Eigen::VectorXd v =
      load_truth_text("[truth]\n\"attention.mean_weeks\" = 7.5\n", "truth.toml", free, params);
  CHECK(v[Eigen::Index(free.find("attention.mean_weeks") - free.params.data())] == 7.5);
  CHECK_THROWS_AS(load_truth_text("[truth]\n\"attention.mean_weeks\" = 99\n", "t", free, params),
                  InputError);
  CHECK_THROWS_AS(load_truth_text("[truth]\n\"initial.models\" = 9000\n", "t", free, params),
                  InputError);
  CHECK_THROWS_AS(load_truth_text("[truth]\n\"attention.mean_weeks\" = \"x\"\n", "t", free, params),
                  InputError);
  CHECK_THROWS_AS(load_truth_text("[truths]\n", "t", free, params), InputError);
}
