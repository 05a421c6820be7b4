#pragma once
// The schemas of a sweep file's tables ([sweep], [[parameters]], [sensitivity]): the reader
// validates against them and the documentation is written from them.
#include "scenario/field_spec.h"

namespace hubsim::sweep {

const Schema& sweep_file_schema();       // the top level
const Schema& sweep_table_schema();      // [sweep]
const Schema& sweep_parameter_schema();  // [[parameters]]
const Schema& sensitivity_schema();      // [sensitivity]

inline constexpr int64_t kMaxExperiments = 10'000'000;
inline constexpr int kMaxReplications = 10'000;

}  // namespace hubsim::sweep
