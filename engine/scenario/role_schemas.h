#pragma once
// Schemas of the role tables of a scenario file: [uncertainty] and [[outcomes]] (the levers are
// the [[events]], see events/).
#include "scenario/field_spec.h"

namespace hubsim {

const Schema& uncertainty_schema();
const Schema& outcome_schema();

}  // namespace hubsim
