#pragma once
// The ensemble parts of HDF5 output (schema in outputs/README.md, "Ensembles and forecasts"):
// /summary (median, 50% and 90% bands of every series and statistic over members) and
// /members (each member's parameter draw).
#include <vector>

#include "io/hdf5_file.h"
#include "scenario/scenario.h"
#include "sim/member_ensemble.h"

namespace hubsim::io {

// Writes, into `summary`: series/<name> (quantile, week, categories...) and stats/<key>
// (quantile) with attributes mean, sd, n_finite; `quantile` is a dimension scale.
void write_summary_group(Group& summary, const Scenario& scenario,
                         const std::vector<const SeriesTable*>& members,
                         const std::vector<const std::vector<Statistic>*>& member_stats);

// Writes, into `group`: member, draw, posterior_sample (member) and, when parameters were
// drawn, parameter (names) and parameter_values (member x parameter).
void write_members_group(Group& group, const MemberEnsemble& ensemble);

// Both, as groups /summary and /members of `root`.
void write_ensemble_groups(Group& root, const Scenario& scenario, const MemberEnsemble& ensemble);

}  // namespace hubsim::io
