#include "sweep/sweep_plan.h"

#include <cstring>
#include <sstream>

#include "core/counter_rng.h"
#include "core/errors.h"
#include "hubsim/version.h"
#include "scenario/parameter_registry.h"

namespace hubsim::sweep {

namespace {

// FNV-1a, 64 bits: identifies a sweep; not a security measure.
class Fingerprint {
 public:
  void add(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < n; ++i) {
      h_ ^= p[i];
      h_ *= 0x100000001b3ull;
    }
  }
  void add(const std::string& s) {
    add(uint64_t(s.size()));
    add(s.data(), s.size());
  }
  void add(uint64_t v) { add(&v, sizeof v); }
  void add(double v) { add(&v, sizeof v); }
  std::string hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
    return buf;
  }

 private:
  uint64_t h_ = 0xcbf29ce484222325ull;
};

std::string fingerprint(const SweepPlan& plan) {
  const SweepSpec& s = plan.spec;
  const Design& d = plan.design;
  Fingerprint f;
  f.add(std::string("hubsim sweep v1"));
  f.add(std::string(kVersion));
  f.add(s.base.resolved_text);
  f.add(uint64_t(s.replications));
  f.add(s.seed);
  f.add(s.scale);
  f.add(std::string(random_numbers_name(s.random_numbers)));
  // The limit decides which experiments fail; added only when set, so that journals of sweeps
  // without one keep their fingerprint.
  if (s.max_models > 0) {
    f.add(std::string("max_models"));
    f.add(s.max_models);
  }
  f.add(uint64_t(s.outcomes.size()));
  for (const auto& o : s.outcomes) f.add(o);
  f.add(uint64_t(d.layout == DesignLayout::kSaltelli));
  f.add(uint64_t(d.k()));
  for (const auto& p : d.parameters) f.add(p);
  f.add(d.values.data(), d.values.size() * sizeof(double));
  f.add(d.unit.data(), d.unit.size() * sizeof(double));
  return f.hex();
}

std::string experiment_origin(const SweepPlan& plan) {
  if (plan.spec.sampler == SamplerKind::kTable) return plan.spec.table.file;
  return plan.spec.file;
}

int experiment_line(const SweepPlan& plan, size_t e) {
  if (plan.spec.sampler == SamplerKind::kTable) return plan.spec.table.lines[e];
  return 0;
}

Parameters experiment_parameters(const SweepPlan& plan, size_t e) {
  Parameters p = plan.spec.base.params;
  const Design& d = plan.design;
  for (size_t j = 0; j < d.k(); ++j) {
    try {
      set_parameter(p, d.parameters[j], d.value(e, j), experiment_origin(plan));
    } catch (const InputError& err) {
      throw InputError(err.file(), "experiment " + std::to_string(e) + ": " + err.key(),
                       err.value(), err.allowed(), experiment_line(plan, e));
    }
  }
  return p;
}

// The cross-parameter rule of scenario files (scenario_loader.cpp, check_parameters), applied
// to every experiment because a sweep sets parameters after loading.
void check_rules(const SweepPlan& plan, size_t e, const Parameters& p) {
  const double shares =
      p.derivation_finetune_share + p.derivation_adapter_share + p.derivation_merge_share;
  if (shares > 1.0 + 1e-9) {
    std::ostringstream os;
    os << shares;
    throw InputError(experiment_origin(plan),
                     "experiment " + std::to_string(e) +
                         ": derivation.finetune_share + adapter_share + merge_share",
                     os.str(), "at most 1 (the rest are quantizations); narrow the ranges",
                     experiment_line(plan, e));
  }
}

}  // namespace

SweepPlan make_plan(SweepSpec spec) {
  SweepPlan plan;
  plan.spec = std::move(spec);
  plan.design = plan.spec.sampler == SamplerKind::kTable
                    ? design_from_table(plan.spec.table, plan.spec.table_layout)
                    : make_design(plan.spec);
  for (size_t e = 0; e < plan.experiments(); ++e)
    check_rules(plan, e, experiment_parameters(plan, e));
  plan.fingerprint = fingerprint(plan);
  return plan;
}

uint64_t experiment_seed(const SweepSpec& spec, size_t e) {
  if (spec.random_numbers == RandomNumbers::kCommon) return spec.seed;
  return splitmix64(spec.seed ^ splitmix64(uint64_t(e) + 1));
}

Scenario experiment_scenario(const SweepPlan& plan, size_t e) {
  Scenario sc = plan.spec.base;
  sc.params = experiment_parameters(plan, e);
  sc.info.scale = plan.spec.scale;
  sc.info.seed = experiment_seed(plan.spec, e);
  sc.info.replications = plan.spec.replications;
  sc.info.write_model_table = false;
  return sc;
}

}  // namespace hubsim::sweep
