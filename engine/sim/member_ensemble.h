#pragma once
// Ensembles whose members carry the scenario's uncertainty: member k runs replication k (its
// own random streams) with the parameters of draw k / replications_per_draw (see
// scenario/parameter_draws.h), so members = parameter draws x replications per draw. Several
// scenarios run on the same member indices, seeds and draws (common random numbers) in one
// parallel loop on TBB; results do not depend on the thread count.
#include <functional>
#include <string>
#include <vector>

#include "scenario/scenario.h"
#include "sim/run_result.h"

namespace hubsim {

struct MemberEnsembleOptions {
  int members = 1;
  bool draw_parameters = true;    // false: every member runs the point estimate
  int replications_per_draw = 1;  // consecutive members sharing one parameter draw
  bool keep_model_table = false;  // of member 0 of each scenario
  // A member whose hub grows past this many models (full scale) stops the ensemble with a
  // RunLimitExceeded naming the scenario, the member and its draw; 0 = no limit.
  double max_models = 0;
  // Progress: (steps done over all members and scenarios, total steps); from worker threads.
  std::function<void(long, long)> on_progress;
};

struct EnsembleMember {
  int member = 0;
  int draw = -1;                     // -1: point estimate
  int posterior_sample = -1;         // -1: none
  std::vector<double> drawn_values;  // of MemberEnsemble::drawn_names
};

struct MemberEnsemble {
  std::vector<std::string> drawn_names;  // the scenario's UncertaintySpec::drawn_names()
  std::vector<EnsembleMember> members;
  std::vector<ReplicationResult> results;  // by member
};

// Whether an ensemble of `members` members of this scenario draws parameters: it has
// uncertainty and more than one member.
bool draws_parameters(const Scenario& scenario, int members);

// One MemberEnsemble per scenario, in order.
std::vector<MemberEnsemble> run_member_ensembles(const std::vector<const Scenario*>& scenarios,
                                                 const MemberEnsembleOptions& options);

}  // namespace hubsim
