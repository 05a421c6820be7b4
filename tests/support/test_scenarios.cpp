#include "support/test_scenarios.h"

#include "scenario/parameter_registry.h"
#include "scenario/scenario_loader.h"
#include "stats/series_table.h"

namespace hubsim::test {

std::string source_path(const std::string& relative) {
  return std::string(HUBSIM_SOURCE_DIR) + "/" + relative;
}

const Scenario& baseline() {
  static const Scenario s = load_scenario(source_path("scenarios/baseline.toml"));
  return s;
}

const Scenario& mechanism_baseline() {
  static const Scenario s = load_scenario(source_path("tests/support/mechanism-baseline.toml"));
  return s;
}

namespace {
Scenario shrunk(Scenario s, double scale, Date end,
                const std::vector<std::pair<std::string, double>>& params) {
  s.info.scale = scale;
  s.info.end = end;
  for (const auto& [name, value] : params) set_parameter(s.params, name, value, "test");
  return s;
}
}  // namespace

Scenario small_baseline(double scale, Date end,
                        const std::vector<std::pair<std::string, double>>& params) {
  return shrunk(baseline(), scale, end, params);
}

Scenario small_mechanism_baseline(double scale, Date end,
                                  const std::vector<std::pair<std::string, double>>& params) {
  return shrunk(mechanism_baseline(), scale, end, params);
}

double row_sum(const Series& s, int step) {
  double total = 0;
  for (size_t j = 0; j < s.width; ++j) total += s.row(step)[j];
  return total;
}

double family_downloads_last_year(const ModelTableSnapshot& m, const std::string& family) {
  const size_t years = m.years.size();
  double d = 0;
  for (size_t i = 0; i < m.size(); ++i)
    if (m.family_names[size_t(m.family[i])] == family)
      d += double(m.downloads_by_year[i * years + years - 1]) * m.represents[i];
  return d;
}

}  // namespace hubsim::test
