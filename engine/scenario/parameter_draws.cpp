#include "scenario/parameter_draws.h"

#include "core/counter_rng.h"
#include "scenario/parameter_registry.h"

namespace hubsim {

namespace {
uint32_t registry_position(const std::string& name) {
  const auto& registry = parameter_registry();
  for (size_t i = 0; i < registry.size(); ++i)
    if (registry[i].spec.name == name) return uint32_t(i);
  return uint32_t(registry.size());
}
}  // namespace

ParameterDraw draw_parameters(const Scenario& scenario, int draw) {
  const UncertaintySpec& u = scenario.uncertainty;
  const StreamKey key = StreamKey::derive(scenario.info.seed, uint64_t(draw));
  ParameterDraw out;
  out.draw = draw;
  out.params = scenario.params;
  if (u.posterior) {
    const Posterior& post = *u.posterior;
    Stream rng(key, Purpose::kPosteriorDraw, 0, 0);
    out.posterior_sample = int(post.sample_at(rng.uniform()));
    for (size_t j = 0; j < post.parameters.size(); ++j) {
      if (!u.posterior_drawn[j]) continue;
      const double v = post.values[size_t(out.posterior_sample)][j];
      set_parameter(out.params, post.parameters[j], v, post.file);
      out.values.push_back(v);
    }
  }
  for (const auto& r : u.ranges) {
    Stream rng(key, Purpose::kPosteriorDraw, 1 + registry_position(r.name), 0);
    const double v = r.lo + (r.hi - r.lo) * rng.uniform();
    set_parameter(out.params, r.name, v, scenario.file);
    out.values.push_back(v);
  }
  return out;
}

}  // namespace hubsim
