#include "scenario/roles.h"

#include <regex>

namespace hubsim {

bool UncertaintySpec::any() const {
  return !drawn_names().empty();
}

std::vector<std::string> UncertaintySpec::drawn_names() const {
  std::vector<std::string> names;
  if (posterior)
    for (size_t j = 0; j < posterior->parameters.size(); ++j)
      if (posterior_drawn[j]) names.push_back(posterior->parameters[j]);
  for (const auto& r : ranges) names.push_back(r.name);
  return names;
}

const char* direction_name(OutcomeDirection d) {
  return d == OutcomeDirection::kHigherIsBetter ? "higher_is_better" : "lower_is_better";
}

std::optional<int> statistic_year(const std::string& statistic) {
  static const std::regex year_suffix(".*_([0-9]{4})");
  std::smatch m;
  if (!std::regex_match(statistic, m, year_suffix)) return std::nullopt;
  return std::stoi(m[1].str());
}

}  // namespace hubsim
