#include "sweep/outcome_keys.h"

#include <map>
#include <vector>

#include "stats/statistics.h"
#include "world/enums.h"

namespace hubsim::sweep {

namespace {

void expand(const std::string& pattern,
            const std::map<std::string, std::vector<std::string>>& values,
            std::set<std::string>& out) {
  const size_t open = pattern.find('<');
  if (open == std::string::npos) {
    out.insert(pattern);
    return;
  }
  const size_t close = pattern.find('>', open);
  const std::string name = pattern.substr(open + 1, close - open - 1);
  const auto it = values.find(name);
  if (it == values.end()) return;  // a placeholder this expansion does not know yields nothing
  for (const auto& v : it->second)
    expand(pattern.substr(0, open) + v + pattern.substr(close + 1), values, out);
}

}  // namespace

std::set<std::string> possible_statistic_keys(const Scenario& sc) {
  std::map<std::string, std::vector<std::string>> values;
  const Calendar cal = sc.calendar();
  for (int y = cal.first_year(); y <= cal.last_year(); ++y)
    values["year"].push_back(std::to_string(y));
  for (const auto& r : sc.regions) values["region"].push_back(stat_key_fragment(r.name));
  for (const char* t : kPublisherTypeNames) values["type"].push_back(t);
  for (const auto& p : sc.named_publishers) {
    if (p.report_releases) values["publisher"].push_back(stat_key_fragment(p.name));
    for (const auto& f : p.families)
      if (f.report_derivatives) values["family"].push_back(stat_key_fragment(f.id));
  }
  std::set<std::string> out;
  for (const auto& d : statistic_definitions()) expand(d.pattern, values, out);
  return out;
}

}  // namespace hubsim::sweep
