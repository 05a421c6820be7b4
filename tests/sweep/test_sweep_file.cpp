// The sweep file: written and read back unchanged; shards merge into the file an unsharded run
// writes; shard specifications are checked.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/errors.h"
#include "sweep/shard.h"
#include "sweep/sweep_file.h"
#include "sweep/sweep_merge.h"
#include "sweep_test_util.h"

using namespace hubsim::sweep;
using hubsim::InputError;

namespace {

// A complete synthetic Saltelli sweep of 2 parameters, 2 outcomes, 3 replications, 6 blocks.
SweepData synthetic(const std::vector<int64_t>& rows, int64_t shard_index, int64_t shard_count) {
  SweepData d;
  d.meta.name = "synthetic";
  d.meta.sweep_toml = "[sweep]\n";
  d.meta.sampler = "saltelli";
  d.meta.random_numbers = "common";
  d.meta.fingerprint = "00000000deadbeef";
  d.meta.replications = 3;
  d.meta.seed = 9;
  d.meta.scale = 0.01;
  d.meta.experiments_total = 24;
  d.meta.shard_index = shard_index;
  d.meta.shard_count = shard_count;
  d.meta.sensitivity.bootstrap = 50;
  d.parameters = {"attention.mean_weeks", "demand.automated_share"};
  d.outcomes = {"gini_downloads_2021", "download_share_cn_2022"};
  d.layout = DesignLayout::kSaltelli;
  for (int64_t e : rows) {
    d.experiments.push_back(e);
    const double u0 = std::fmod(0.37 * double(e), 1.0), u1 = std::fmod(0.61 * double(e), 1.0);
    d.values.insert(d.values.end(), {3 + 6 * u0, 0.2 + 0.4 * u1});
    d.unit.insert(d.unit.end(), {u0, u1});
    ExperimentResult r;
    r.experiment = e;
    r.wall_seconds = 0.5;
    for (int rep = 0; rep < 3; ++rep) {
      r.outcomes.push_back(u0 + 0.01 * rep);
      r.outcomes.push_back(e == 5 ? std::numeric_limits<double>::quiet_NaN() : u1 * u1 + u0);
    }
    d.results.push_back(r);
  }
  return d;
}

std::vector<int64_t> every(int64_t from, int64_t step, int64_t total) {
  std::vector<int64_t> v;
  for (int64_t e = from; e < total; e += step) v.push_back(e);
  return v;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

TEST_CASE("Sweep files round-trip", "[sweep][file]") {
  testing::ScratchDir dir;
  const SweepData d = synthetic(every(0, 1, 24), 0, 1);
  const auto sens = analyse(d);
  REQUIRE(sens.size() == 2);
  CHECK(sens[1].sobol.base_samples == 5);  // block 1 (rows 5..9) holds a NaN
  write_sweep_file(dir.file("s.h5"), d, sens);
  const SweepData back = read_sweep_file(dir.file("s.h5"));
  CHECK(back.meta.fingerprint == d.meta.fingerprint);
  CHECK(back.meta.seed == 9);
  CHECK(back.outcomes == d.outcomes);
  CHECK(back.parameters == d.parameters);
  CHECK(back.layout == DesignLayout::kSaltelli);
  CHECK(back.experiments == d.experiments);
  CHECK(same_bits(back.values, d.values));
  CHECK(same_bits(back.unit, d.unit));
  for (size_t r = 0; r < d.results.size(); ++r)
    CHECK(same_bits(back.results[r].outcomes, d.results[r].outcomes));
  CHECK(sweep_file_identity(dir.file("s.h5")) == "00000000deadbeef 0/1");
  CHECK(sweep_file_identity(dir.file("absent.h5")).empty());
  CHECK_THROWS_AS(read_sweep_file(dir.write("x.h5", "not hdf5")), InputError);
}

TEST_CASE("Shards merge into the unsharded file", "[sweep][file]") {
  testing::ScratchDir dir;
  const SweepData whole = synthetic(every(0, 1, 24), 0, 1);
  write_sweep_file(dir.file("s0.h5"), synthetic(every(0, 3, 24), 0, 3), {});
  write_sweep_file(dir.file("s1.h5"), synthetic(every(1, 3, 24), 1, 3), {});
  write_sweep_file(dir.file("s2.h5"), synthetic(every(2, 3, 24), 2, 3), {});
  const MergeOutcome m = merge_sweep_files(
      {dir.file("s2.h5"), dir.file("s0.h5"), dir.file("s1.h5")}, dir.file("m.h5"), "hubsim merge");
  CHECK(m.data.experiments == whole.experiments);
  CHECK(same_bits(m.data.values, whole.values));
  CHECK(m.data.meta.shard_count == 1);
  REQUIRE(m.sensitivity.size() == 2);
  const auto direct = analyse(whole);
  CHECK(same_bits(m.sensitivity[0].sobol.s1_low, direct[0].sobol.s1_low));
  CHECK(same_bits(m.sensitivity[1].morris.mu_star, direct[1].morris.mu_star));

  CHECK_THROWS_WITH(
      merge_sweep_files({dir.file("s0.h5"), dir.file("s1.h5")}, dir.file("m2.h5"), ""),
      Catch::Matchers::Contains("16 of 24") && Catch::Matchers::Contains("2/3"));
  CHECK_THROWS_WITH(
      merge_sweep_files({dir.file("s0.h5"), dir.file("s0.h5")}, dir.file("m2.h5"), ""),
      Catch::Matchers::Contains("one file only"));
  SweepData other = synthetic(every(1, 3, 24), 1, 3);
  other.meta.fingerprint = "1111111111111111";
  write_sweep_file(dir.file("o1.h5"), other, {});
  CHECK_THROWS_WITH(
      merge_sweep_files({dir.file("s0.h5"), dir.file("o1.h5")}, dir.file("m2.h5"), ""),
      Catch::Matchers::Contains("same sweep"));
  CHECK_FALSE(std::filesystem::exists(dir.file("m2.h5")));
}

TEST_CASE("Shard specifications", "[sweep][file]") {
  const Shard s = parse_shard("2/5", "--shard");
  CHECK(s.index == 2);
  CHECK(s.count == 5);
  CHECK(s.experiments(13) == std::vector<int64_t>{2, 7, 12});
  for (const char* bad : {"5/5", "-1/2", "1", "a/b", "1/0", "1/2x", ""})
    CHECK_THROWS_AS(parse_shard(bad, "--shard"), InputError);
}
