// Golden run: a small seeded scenario whose statistics are kept in tests/golden/small-run.toml
// with the version that made them and a tolerance. On a mismatch the test prints old, new and
// their ratio. scripts/update-golden regenerates the file ON PURPOSE (after a deliberate change
// of the model), never to make a failing test pass unexamined.
#include <toml++/toml.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "hubsim/version.h"
#include "sim/simulation.h"
#include "support/test_scenarios.h"

using namespace hubsim;

namespace {

constexpr double kRelativeTolerance = 1e-6;

Scenario golden_scenario() {
  return test::small_baseline(0.004, {2025, 12, 31});
}

std::string golden_path() {
  return test::source_path("tests/golden/small-run.toml");
}

void write_golden(const std::vector<Statistic>& stats) {
  std::ostringstream out;
  out << "# Golden statistics of tests/sim/test_golden.cpp (baseline at scale 0.004 to "
         "2025-12-31,\n"
         "# replication 0). Regenerate on purpose with scripts/update-golden.\n"
      << "hubsim_version = \"" << kVersion << "\"\nrelative_tolerance = " << kRelativeTolerance
      << "\n\n[stats]\n";
  out << std::setprecision(17);
  for (const auto& s : stats) {
    if (std::isnan(s.value))
      out << s.key << " = nan\n";
    else
      out << s.key << " = " << s.value << "\n";
  }
  std::ofstream(golden_path()) << out.str();
}

}  // namespace

TEST_CASE("the golden run reproduces its reference statistics", "[golden]") {
  const ReplicationResult r = run_replication(golden_scenario(), 0);
  if (std::getenv("HUBSIM_UPDATE_GOLDEN")) {
    write_golden(r.stats);
    WARN("golden statistics rewritten: " << golden_path());
    return;
  }
  const toml::table golden = toml::parse_file(golden_path());
  const double tolerance = golden["relative_tolerance"].value_or(kRelativeTolerance);
  const toml::table& expected = *golden["stats"].as_table();
  size_t compared = 0;
  std::ostringstream diffs;
  size_t added = 0;
  for (const auto& s : r.stats) {
    const toml::node* node = expected.get(s.key);
    if (!node) {
      ++added;  // a statistic added since: reported, not a failure
      continue;
    }
    const double old = node->value_or(std::nan(""));
    ++compared;
    const bool same = (std::isnan(old) && std::isnan(s.value)) ||
                      std::fabs(s.value - old) <= tolerance * std::max(std::fabs(old), 1e-12);
    if (!same)
      diffs << "  " << s.key << ": old " << old << ", new " << s.value << ", ratio "
            << s.value / old << "\n";
  }
  if (compared != expected.size())
    diffs << "  " << expected.size() - compared << " golden statistics are no longer produced\n";
  INFO("golden file made by hubsim " << golden["hubsim_version"].value_or(std::string("?"))
                                     << "; differences:\n"
                                     << diffs.str());
  if (added > 0)
    WARN(added << " statistics are not in the golden file yet (scripts/update-golden adds them)");
  CHECK(diffs.str().empty());
}
