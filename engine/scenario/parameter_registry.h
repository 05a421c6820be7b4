#pragma once
// The registry of scalar parameters: one entry per parameter with name, type, default, unit,
// bounds, description and source. The loader, validation, the documentation table and
// name-based overrides (calibration, sweeps) all come from here.
#include <string>
#include <variant>
#include <vector>

#include "scenario/field_spec.h"
#include "scenario/parameters.h"

namespace hubsim {

struct ParameterEntry {
  FieldSpec spec;  // spec.name is the dotted key, e.g. "attention.mean_weeks"
  std::variant<double Parameters::*, bool MechanismSwitches::*> member;
};

const std::vector<ParameterEntry>& parameter_registry();
const ParameterEntry* find_parameter(const std::string& dotted_name);
// Names of every parameter, and of the numeric ones only (no mechanism switches), in registry
// order: the candidates of "did you mean" suggestions.
std::vector<std::string> parameter_names();
std::vector<std::string> numeric_parameter_names();
// The schema view of the registry (for the reader and the docs).
const Schema& parameter_schema();

Parameters default_parameters();
// Sets a parameter by its dotted name. Throws InputError (file = `origin`) for unknown names
// (with a suggestion) and out-of-range values.
void set_parameter(Parameters& p, const std::string& dotted_name, double value,
                   const std::string& origin);
double get_parameter(const Parameters& p, const std::string& dotted_name);

}  // namespace hubsim
