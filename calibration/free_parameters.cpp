#include "free_parameters.h"

#include <toml++/toml.h>
#include <boost/math/special_functions/erf.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <numbers>
#include <set>
#include <sstream>

#include "core/errors.h"
#include "core/input_file.h"
#include "scenario/did_you_mean.h"
#include "scenario/parameter_registry.h"
#include "scenario/table_reader.h"

namespace hubsim::calibration {

namespace {

double normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}
double normal_quantile(double p) {
  return -std::numbers::sqrt2 * boost::math::erfc_inv(2.0 * p);
}

const Schema& parameter_schema_entry() {
  static const Schema s{
      "[[parameter]]",
      "One free parameter of the calibration: a registry parameter, its bounds and prior.",
      {string_field("name", true, "Parameter-registry name (see scenarios/PARAMETERS.md)."),
       number_list_field("bounds", true, -1e300, 1e300, "",
                         "[lo, hi]: the search space, inside the registry's bounds."),
       choice_field("prior", {"uniform", "log-uniform", "normal"}, "uniform",
                    "Prior over [lo, hi]; normal is truncated to the bounds."),
       number_field("mean", 0, -1e300, 1e300, "", "Mean of a normal prior."),
       number_field("sd", 0, 0, 1e300, "", "Standard deviation of a normal prior (> 0)."),
       string_field("reason", true, "Why the parameter is free and why these bounds and prior.")}};
  return s;
}

const Schema& top_schema() {
  static const Schema s{
      "top level", "", {table_array_field("parameter", true, "The free parameters.")}};
  return s;
}

}  // namespace

const char* prior_kind_name(PriorKind kind) {
  switch (kind) {
    case PriorKind::kUniform: return "uniform";
    case PriorKind::kLogUniform: return "log-uniform";
    case PriorKind::kNormal: return "normal";
  }
  return "?";
}

double FreeParameter::to_unit(double value) const {
  if (prior == PriorKind::kLogUniform)
    return (std::log(value) - std::log(lo)) / (std::log(hi) - std::log(lo));
  return (value - lo) / (hi - lo);
}

double FreeParameter::from_unit(double u) const {
  u = std::clamp(u, 0.0, 1.0);
  if (prior == PriorKind::kLogUniform) {
    // Clamped: exp(log(x)) may round a hair outside the bounds.
    return std::clamp(std::exp(std::log(lo) + u * (std::log(hi) - std::log(lo))), lo, hi);
  }
  return std::clamp(lo + u * (hi - lo), lo, hi);
}

double FreeParameter::log_prior_unit(double u) const {
  if (!(u >= 0.0 && u <= 1.0)) return -std::numeric_limits<double>::infinity();
  if (prior != PriorKind::kNormal) return 0.0;
  const double a = (lo - mean) / sd, b = (hi - mean) / sd;
  const double z = (from_unit(u) - mean) / sd;
  const double mass = normal_cdf(b) - normal_cdf(a);
  return -0.5 * z * z - 0.5 * std::log(2.0 * std::numbers::pi) + std::log((hi - lo) / sd) -
         std::log(mass);
}

double FreeParameter::sample_prior_unit(Stream& rng) const {
  const double v = rng.uniform();
  if (prior != PriorKind::kNormal) return v;
  const double fa = normal_cdf((lo - mean) / sd), fb = normal_cdf((hi - mean) / sd);
  const double z = normal_quantile(fa + v * (fb - fa));
  return std::clamp(to_unit(mean + sd * z), 0.0, 1.0);
}

std::vector<std::string> FreeParameterSet::names() const {
  std::vector<std::string> out;
  for (const auto& p : params) out.push_back(p.name);
  return out;
}

const FreeParameter* FreeParameterSet::find(const std::string& name) const {
  for (const auto& p : params)
    if (p.name == name) return &p;
  return nullptr;
}

FreeParameterSet load_free_parameters_text(const std::string& text, const std::string& name) {
  const toml::table doc = parse_toml(text, name);
  FreeParameterSet set;
  set.file = name;
  set.text = text;
  TableReader top(doc, top_schema(), name, "");
  top.finish();
  const toml::array* arr = top.table_array("parameter");
  std::set<std::string> seen;
  for (size_t i = 0; i < arr->size(); ++i) {
    TableReader r(*arr->get(i)->as_table(), parameter_schema_entry(), name,
                  "parameter[" + std::to_string(i) + "]");
    FreeParameter p;
    p.name = r.string("name");
    p.line = r.line_of("name");
    const ParameterEntry* entry = find_parameter(p.name);
    if (!entry || !std::holds_alternative<double Parameters::*>(entry->member)) {
      const std::string guess = closest_match(p.name, numeric_parameter_names());
      r.fail("name", "\"" + p.name + "\"",
             "a numeric parameter of the registry (scenarios/PARAMETERS.md)" +
                 (guess.empty() ? std::string() : "; did you mean '" + guess + "'?"));
    }
    if (!seen.insert(p.name).second)
      r.fail("name", "\"" + p.name + "\"", "a parameter declared only once");
    const std::vector<double> bounds = r.numbers("bounds");
    const FieldSpec& spec = entry->spec;
    const std::string allowed = "[lo, hi] with " + number_text(spec.lo) +
                                " <= lo < hi <= " + number_text(spec.hi) +
                                " (the registry's bounds)";
    if (bounds.size() != 2 || !(bounds[0] < bounds[1]) || bounds[0] < spec.lo ||
        bounds[1] > spec.hi) {
      std::string shown = "[";
      for (size_t k = 0; k < bounds.size(); ++k) shown += (k ? ", " : "") + number_text(bounds[k]);
      r.fail("bounds", shown + "]", allowed);
    }
    p.lo = bounds[0];
    p.hi = bounds[1];
    const std::string prior = r.choice("prior");
    p.prior = prior == "uniform"       ? PriorKind::kUniform
              : prior == "log-uniform" ? PriorKind::kLogUniform
                                       : PriorKind::kNormal;
    if (p.prior == PriorKind::kLogUniform && !(p.lo > 0))
      r.fail("bounds", "[" + number_text(p.lo) + ", " + number_text(p.hi) + "]",
             "lo > 0 for a log-uniform prior");
    if (p.prior == PriorKind::kNormal) {
      if (!r.has("mean")) r.fail("mean", "(missing)", "required with prior = \"normal\"");
      if (!r.has("sd")) r.fail("sd", "(missing)", "required with prior = \"normal\"");
      p.mean = r.number("mean");
      p.sd = r.number("sd");
      if (!(p.sd > 0)) r.fail("sd", number_text(p.sd), "a number > 0");
      // The truncated prior must keep some mass inside the bounds.
      const double mass = normal_cdf((p.hi - p.mean) / p.sd) - normal_cdf((p.lo - p.mean) / p.sd);
      if (!(mass > 1e-6))
        r.fail("mean", number_text(p.mean),
               "a mean within a few sd of the bounds (the truncated prior has no mass)");
    } else {
      for (const char* key : {"mean", "sd"})
        if (r.has(key)) r.fail(key, number_text(r.number(key)), "only with prior = \"normal\"");
    }
    p.reason = r.string("reason");
    r.finish();
    set.params.push_back(std::move(p));
  }
  if (set.params.empty()) top.fail("parameter", "[]", "at least one [[parameter]]");
  return set;
}

FreeParameterSet load_free_parameters(const std::string& path) {
  return load_free_parameters_text(read_input_file(path, "free-parameter file"), path);
}

}  // namespace hubsim::calibration
