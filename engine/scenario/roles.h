#pragma once
// The roles a scenario file gives its parts besides the world it describes: UNCERTAINTIES
// ([uncertainty]: the calibrated posterior and/or parameter ranges) over which ensembles draw
// their members' parameters, LEVERS (the dated [[events]], the policy choices) and OUTCOMES
// ([[outcomes]]: named statistics with the direction that is better) by which scenarios are
// compared.
#include <optional>
#include <string>
#include <vector>

#include "scenario/posterior.h"

namespace hubsim {

// A parameter drawn uniformly in [lo, hi] by every ensemble member.
struct ParameterRange {
  std::string name;  // registry name
  double lo = 0;
  double hi = 0;
};

struct UncertaintySpec {
  std::optional<Posterior> posterior;
  // Per posterior parameter: whether members draw it (false when a [parameters] value or a
  // range of a file at least as derived as the posterior's overrides it).
  std::vector<bool> posterior_drawn;
  std::vector<ParameterRange> ranges;
  int replications_per_draw = 1;  // consecutive members sharing one parameter draw

  // Whether ensemble members draw any parameter at all.
  bool any() const;
  // Registry names of the drawn parameters: the posterior's (in its order), then the ranges'.
  std::vector<std::string> drawn_names() const;
};

enum class OutcomeDirection { kHigherIsBetter, kLowerIsBetter };

struct OutcomeSpec {
  std::string statistic;  // a statistic key, e.g. "home_share_kr_2028"
  OutcomeDirection direction = OutcomeDirection::kHigherIsBetter;
  std::string label;  // plain language, e.g. "KR-developed share of KR downloads in 2028"
};

const char* direction_name(OutcomeDirection d);

// The calendar year a statistic key refers to (its `_<year>` suffix, e.g. 2028 for
// "home_share_kr_2028"); nullopt for statistics over the whole window.
std::optional<int> statistic_year(const std::string& statistic);

}  // namespace hubsim
