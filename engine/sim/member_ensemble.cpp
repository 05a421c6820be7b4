#include "sim/member_ensemble.h"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <sstream>

#include "core/errors.h"
#include "scenario/parameter_draws.h"
#include "sim/simulation.h"

namespace hubsim {

namespace {

// "scenario 'forecast-2028', member 7 (posterior sample 12; a = 0.5, b = 2)".
std::string describe_member(const Scenario& scenario, const MemberEnsemble& ensemble, int k) {
  const EnsembleMember& m = ensemble.members[size_t(k)];
  std::ostringstream os;
  os << "scenario '" << scenario.info.name << "', member " << k;
  if (m.draw < 0) return os.str() + " (point estimate)";
  os << " (draw " << m.draw;
  if (m.posterior_sample >= 0) os << ", posterior sample " << m.posterior_sample;
  for (size_t i = 0; i < m.drawn_values.size() && i < ensemble.drawn_names.size(); ++i)
    os << (i ? ", " : "; ") << ensemble.drawn_names[i] << " = " << m.drawn_values[i];
  os << ")";
  return os.str();
}

}  // namespace

bool draws_parameters(const Scenario& scenario, int members) {
  return members > 1 && scenario.uncertainty.any();
}

std::vector<MemberEnsemble> run_member_ensembles(const std::vector<const Scenario*>& scenarios,
                                                 const MemberEnsembleOptions& options) {
  const int n = std::max(0, options.members);
  const int per_draw = std::max(1, options.replications_per_draw);
  // Each member's scenario copy carries its drawn parameters; drawing is cheap and serial.
  std::vector<MemberEnsemble> out(scenarios.size());
  std::vector<std::vector<Scenario>> runs(scenarios.size());
  long total_steps = 0;
  for (size_t s = 0; s < scenarios.size(); ++s) {
    const Scenario& sc = *scenarios[s];
    const bool draw = options.draw_parameters && draws_parameters(sc, n);
    out[s].drawn_names = draw ? sc.uncertainty.drawn_names() : std::vector<std::string>{};
    out[s].results.resize(size_t(n));
    for (int k = 0; k < n; ++k) {
      EnsembleMember m;
      m.member = k;
      Scenario copy = sc;
      if (draw) {
        ParameterDraw d = draw_parameters(sc, k / per_draw);
        m.draw = d.draw;
        m.posterior_sample = d.posterior_sample;
        m.drawn_values = std::move(d.values);
        copy.params = d.params;
      }
      out[s].members.push_back(std::move(m));
      runs[s].push_back(std::move(copy));
    }
    total_steps += long(n) * sc.calendar().n_steps();
  }

  std::atomic<long> done{0};
  const int jobs = int(scenarios.size()) * n;
  tbb::parallel_for(0, jobs, 1, [&](int job) {
    const size_t s = size_t(job / std::max(1, n));
    const int k = job % std::max(1, n);
    ReplicationOptions ro;
    ro.keep_model_table = options.keep_model_table && k == 0;
    ro.max_models = options.max_models;
    if (options.on_progress)
      ro.on_step = [&](int, int) { options.on_progress(++done, total_steps); };
    // Isolation: a thread waiting inside this member's parallel loops only picks up work of
    // this member, so at most `threads` members (and their memory) are in flight.
    try {
      tbb::this_task_arena::isolate(
          [&] { out[s].results[size_t(k)] = run_replication(runs[s][size_t(k)], k, ro); });
    } catch (const RunLimitExceeded& e) {
      throw RunLimitExceeded(describe_member(*scenarios[s], out[s], k) + ": " + e.what());
    }
  });
  return out;
}

}  // namespace hubsim
