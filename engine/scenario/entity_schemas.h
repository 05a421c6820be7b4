#pragma once
// Schemas of the tables of a scenario file (besides [parameters], see parameter_registry.h and
// event types, see events/). Each is the single description used by the loader and the docs.
#include "scenario/field_spec.h"

namespace hubsim {

const Schema& top_level_schema();
const Schema& scenario_info_schema();
const Schema& region_schema();
const Schema& hardware_tier_schema();
const Schema& task_schema();
const Schema& dataset_category_schema();
const Schema& publisher_type_schema();
const Schema& publisher_types_table_schema();  // [publisher_types] with one table per type
const Schema& named_publisher_schema();
const Schema& family_schema();

}  // namespace hubsim
