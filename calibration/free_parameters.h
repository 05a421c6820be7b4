#pragma once
// The free parameters of a calibration, declared in a file (calibration/free-parameters.toml):
// which registry parameters are fitted, their bounds and their prior, each with a reason.
//
// The search and the posterior sampler work in unit coordinates u in [0, 1]: linear in the
// parameter for uniform and normal priors, linear in log(parameter) for log-uniform priors.
#include <string>
#include <vector>

#include "core/counter_rng.h"

namespace hubsim::calibration {

enum class PriorKind { kUniform, kLogUniform, kNormal };

const char* prior_kind_name(PriorKind kind);

struct FreeParameter {
  std::string name;  // parameter-registry name, e.g. "attention.mean_weeks"
  double lo = 0;
  double hi = 1;
  PriorKind prior = PriorKind::kUniform;
  double mean = 0;  // normal prior only (truncated to [lo, hi])
  double sd = 0;
  std::string reason;
  int line = 0;

  double to_unit(double value) const;
  double from_unit(double u) const;
  // Log of the prior density in unit coordinates, normalised over [0, 1].
  double log_prior_unit(double u) const;
  // A draw from the prior, in unit coordinates (inverse CDF of one uniform draw).
  double sample_prior_unit(Stream& rng) const;
};

struct FreeParameterSet {
  std::string file;
  std::string text;
  std::vector<FreeParameter> params;

  size_t size() const { return params.size(); }
  std::vector<std::string> names() const;
  const FreeParameter* find(const std::string& name) const;
};

// Throws InputError (file, key, line, value, allowed) on any malformed entry: unknown or
// non-numeric registry names, bounds outside the registry's bounds, lo >= hi, a log-uniform
// prior with lo <= 0, a normal prior without mean/sd, duplicates.
FreeParameterSet load_free_parameters(const std::string& path);
FreeParameterSet load_free_parameters_text(const std::string& text, const std::string& name);

}  // namespace hubsim::calibration
