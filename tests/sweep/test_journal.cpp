// The sweep journal: records survive reopening, a torn or corrupted last record is detected and
// cut off, a journal of another sweep or a foreign file is refused, and the lock holds.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>

#include "core/errors.h"
#include "sweep/journal.h"
#include "sweep/result_codec.h"
#include "sweep_test_util.h"

using namespace hubsim::sweep;
using hubsim::InputError;

namespace {

ExperimentResult result(int64_t e, size_t values) {
  ExperimentResult r;
  r.experiment = e;
  r.wall_seconds = 0.25 * double(e);
  for (size_t i = 0; i < values; ++i) r.outcomes.push_back(double(e) + 0.1 * double(i));
  if (values > 1) r.outcomes[1] = std::numeric_limits<double>::quiet_NaN();
  return r;
}

bool same(const ExperimentResult& a, const ExperimentResult& b) {
  return a.experiment == b.experiment && a.status == b.status && a.wall_seconds == b.wall_seconds &&
         a.error == b.error && a.outcomes.size() == b.outcomes.size() &&
         std::memcmp(a.outcomes.data(), b.outcomes.data(), a.outcomes.size() * sizeof(double)) == 0;
}

const JournalHeader kHeader{"0123456789abcdef", "0/1", 10};

}  // namespace

TEST_CASE("Journal: results survive reopening", "[sweep][journal]") {
  testing::ScratchDir dir;
  const std::string path = dir.file("out.h5.journal");
  {
    Journal j(path, kHeader);
    CHECK(j.recovered().empty());
    j.append(result(3, 4));
    ExperimentResult failed = result(7, 4);
    failed.status = ExperimentStatus::kFailed;
    failed.error = "boom";
    j.append(failed);
  }
  Journal j(path, kHeader);
  REQUIRE(j.recovered().size() == 2);
  CHECK(same(j.recovered()[0], result(3, 4)));
  CHECK(j.recovered()[1].status == ExperimentStatus::kFailed);
  CHECK(j.recovered()[1].error == "boom");
  CHECK(j.dropped_bytes() == 0);
  j.remove();
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("Journal: a torn last record is dropped and the file cut back", "[sweep][journal]") {
  testing::ScratchDir dir;
  const std::string path = dir.file("out.h5.journal");
  {
    Journal j(path, kHeader);
    j.append(result(1, 3));
    j.append(result(2, 3));
  }
  const auto full = std::filesystem::file_size(path);
  const auto intact = Journal::read(path).good_bytes;
  CHECK(intact == full);
  for (size_t cut : {size_t(1), size_t(5), size_t(13)}) {
    std::filesystem::resize_file(path, full - cut);  // a kill in the middle of the last append
    const Journal::Contents c = Journal::read(path);
    CHECK(c.results.size() == 1);
    CHECK(c.good_bytes < full - cut);
  }
  {
    Journal j(path, kHeader);
    REQUIRE(j.recovered().size() == 1);
    CHECK(same(j.recovered()[0], result(1, 3)));
    CHECK(j.dropped_bytes() > 0);
    j.append(result(2, 3));  // redone after the resume
  }
  const Journal::Contents c = Journal::read(path);
  REQUIRE(c.results.size() == 2);
  CHECK(same(c.results[1], result(2, 3)));
  CHECK(c.good_bytes == c.file_bytes);
}

TEST_CASE("Journal: a corrupted record fails its checksum", "[sweep][journal]") {
  testing::ScratchDir dir;
  const std::string path = dir.file("out.h5.journal");
  {
    Journal j(path, kHeader);
    j.append(result(1, 3));
    j.append(result(2, 3));
  }
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-3, std::ios::end);
    f.put('\x7f');
  }
  CHECK(Journal::read(path).results.size() == 1);
}

TEST_CASE("Journal: another sweep's journal, a foreign file and a held lock are refused",
          "[sweep][journal]") {
  testing::ScratchDir dir;
  const std::string path = dir.file("out.h5.journal");
  {
    Journal j(path, kHeader);
    j.append(result(1, 2));
  }
  CHECK_THROWS_AS(Journal(path, JournalHeader{"fedcba9876543210", "0/1", 10}), InputError);
  CHECK_THROWS_AS(Journal(path, JournalHeader{kHeader.fingerprint, "1/2", 10}), InputError);
  {
    Journal holder(path, kHeader);
    CHECK_THROWS_WITH(Journal(path, kHeader), Catch::Matchers::Contains("no other hubsim sweep"));
  }
  const std::string foreign = dir.write("notes.journal", "my precious notes\n");
  CHECK_THROWS_AS(Journal(foreign, kHeader), InputError);
  std::ifstream in(foreign);
  std::string line;
  std::getline(in, line);
  CHECK(line == "my precious notes");  // untouched
}

TEST_CASE("Result encoding round-trips and rejects truncation", "[sweep][journal]") {
  ExperimentResult r = result(42, 6);
  r.error = "text";
  const std::string bytes = encode_result(r);
  const auto back = decode_result(bytes);
  REQUIRE(back);
  CHECK(same(*back, r));
  CHECK_FALSE(decode_result(std::string_view(bytes).substr(0, bytes.size() - 1)));
  CHECK_FALSE(decode_result(bytes + "x"));
}
