#include "scenario/parameter_registry.h"

#include <cmath>
#include <sstream>

#include "core/errors.h"
#include "scenario/did_you_mean.h"

namespace hubsim {

namespace {

ParameterEntry num(const char* name, double Parameters::*member, double def, double lo, double hi,
                   const char* unit, const char* description,
                   const char* source = "hand-set; calibrated later") {
  return {number_field(name, def, lo, hi, unit, description, source), member};
}

ParameterEntry sw(const char* name, bool MechanismSwitches::*member, const char* description) {
  FieldSpec f = bool_field(name, true, description);
  f.source = "model structure";
  return {f, member};
}

std::vector<ParameterEntry> build_registry() {
  using P = Parameters;
  using M = MechanismSwitches;
  return {
      // --- mechanism switches ([mechanisms] table) ---
      sw("mechanisms.attention_decay", &M::attention_decay,
         "A model's fresh attention decays after release (off: it never fades)."),
      sw("mechanisms.continuous_updates", &M::continuous_updates,
         "Publishers on a continuous-update strategy release successive versions that renew "
         "their family's attention (off: every publisher behaves one-shot)."),
      sw("mechanisms.cumulative_advantage", &M::cumulative_advantage,
         "Automated demand and derivative creators follow popularity (off: automated demand "
         "follows appeal and parents are chosen regardless of downloads)."),
      sw("mechanisms.derivation", &M::derivation,
         "Creators fine-tune, quantize, adapt and merge existing models (off: base models only)."),
      sw("mechanisms.home_bias", &M::home_bias,
         "Users prefer models developed in their own region (off: no regional preference)."),
      sw("mechanisms.size_economics", &M::size_economics,
         "Hardware tiers bound which model sizes users run; quantization shrinks models "
         "(off: every user runs every size)."),
      sw("mechanisms.growth", &M::growth,
         "New users, publishers, creators and datasets enter over time (off: the initial "
         "populations stay fixed)."),
      sw("mechanisms.events", &M::events, "Dated events of the scenario take effect."),

      // --- initial state ---
      num("initial.users", &P::initial_users, 600000, 0, 1e9, "users (full scale)",
          "Registered hub users at the window's start."),
      num("initial.models", &P::initial_models, 8000, 0, 1e8, "models (full scale)",
          "Public models on the hub at the window's start (made by the initial publishers)."),
      num("initial.history_weeks", &P::initial_history_weeks, 104, 1, 1040, "weeks",
          "The initial models' release dates spread uniformly over this many weeks before "
          "the start."),

      // --- users ---
      num("users.growth_per_year", &P::users_growth_per_year, 0.62, -1, 5, "1/year",
          "Exponential growth rate of registered users at the window's start.",
          "S26 (users 7M end-2024, 12M end-2025; the baseline solves both with "
          "users.growth_change_per_year)"),
      num("users.growth_change_per_year", &P::users_growth_change_per_year, -0.02, -2, 2,
          "1/year^2", "Yearly change of the users' growth rate (negative: growth slows).",
          "S26 (solved with users.growth_per_year from the 2024 and 2025 totals)"),
      num("users.tier_upgrade_per_year", &P::users_tier_upgrade_per_year, 0.08, 0, 1,
          "probability/year", "Chance per year that a user moves up one hardware tier."),

      // --- demand ---
      num("demand.downloads_per_user_week", &P::demand_downloads_per_user_week, 25, 0, 1e5,
          "downloads/user/week", "Human downloads per registered user per week at the start."),
      num("demand.downloads_growth_per_year", &P::demand_downloads_growth_per_year, 0.25, -1, 3,
          "1/year", "Exponential growth of downloads per user per year."),
      num("demand.automated_share", &P::demand_automated_share, 0.4, 0, 0.95, "share",
          "Share of all downloads made by automated pipelines (CI, libraries, services); "
          "pipelines pull models in proportion to their recent popularity."),
      num("demand.popularity_memory_weeks", &P::demand_popularity_memory_weeks, 26, 1, 1040,
          "weeks",
          "Memory of the popularity that automated demand follows (mean age of the "
          "exponentially weighted downloads)."),
      num("demand.size_cost_exponent", &P::demand_size_cost_exponent, 0.0, 0, 3, "-",
          "Running-cost preference: among models a user can run, the weight of a model with a "
          "footprint of F GiB (above 1 GiB) is F^-exponent (bigger models cost more to serve)."),
      num("demand.beyond_hardware", &P::demand_beyond_hardware, 0.05, 0, 1, "relative weight",
          "Relative demand of a user for a model too large for the user's hardware (cloud, "
          "rented GPUs)."),

      // --- attention ---
      num("attention.mean_weeks", &P::attention_mean_weeks, 6.0, 0.25, 520, "weeks",
          "Mean duration of a model's fresh attention: it peaks in its release week and "
          "decays exponentially with this mean.",
          "S26 (about six weeks)"),
      num("attention.residual", &P::attention_residual, 0.03, 0, 10, "relative to peak",
          "Long-run attention a model keeps after its fresh attention has faded."),
      num("attention.family_renewal", &P::attention_family_renewal, 0.3, 0, 1, "share of peak",
          "Fresh attention restored to a family's existing models when the "
          "family releases a successor version (continuous updates)."),

      // --- quality / appeal ---
      num("quality.base_sd_log", &P::quality_base_sd_log, 1.6, 0, 6, "log units",
          "Spread (sd of log appeal) of base models around their publisher's level."),
      num("quality.derivative_sd_log", &P::quality_derivative_sd_log, 1.2, 0, 6, "log units",
          "Spread (sd of log appeal) of a derivative around its expected appeal."),
      num("quality.finetune_factor", &P::quality_finetune_factor, 0.25, 0, 10, "x parent",
          "Expected appeal of a fine-tune relative to its parent."),
      num("quality.quantized_factor", &P::quality_quantized_factor, 0.6, 0, 10, "x parent",
          "Expected appeal of a quantization relative to its parent."),
      num("quality.adapter_factor", &P::quality_adapter_factor, 0.08, 0, 10, "x parent",
          "Expected appeal of an adapter relative to its parent."),
      num("quality.merge_factor", &P::quality_merge_factor, 0.15, 0, 10, "x parent",
          "Expected appeal of a merge relative to its (first) parent."),
      num("quality.derivative_gain_per_year", &P::quality_derivative_gain_per_year, 0, -1, 2,
          "log units / year",
          "Yearly gain in the expected log appeal of new derivatives relative to their parents "
          "(better tuning and quantization methods); the kind factors hold at the start of the "
          "window, and a gain stops where a derivative's expected appeal reaches its parent's."),
      num("quality.version_step_log", &P::quality_version_step_log, 0.15, 0, 3, "log units",
          "Gain in log appeal of each successive version of a continuously updated family."),
      num("quality.public_research_log", &P::quality_public_research_log, 0, -5, 5, "log units",
          "Added to the log appeal of generated academic, non-profit and government publishers "
          "(on top of their types' quality_log_mean): one level for public research against "
          "companies and independents, which the published share of their downloads can fix."),

      // --- creators (independents) ---
      num("creators.propensity_per_year", &P::creators_propensity_per_year, 0.015, 0, 1,
          "probability/year", "Chance per year that a user becomes an independent creator."),
      num("creators.mean_lifetime_years", &P::creators_mean_lifetime_years, 1.5, 0.02, 50, "years",
          "Mean time a creator stays active."),
      num("creators.uploads_per_year", &P::creators_uploads_per_year, 4.0, 0, 1e4, "models/year",
          "Mean uploads per active creator per year at the start."),
      num("creators.rate_sd_log", &P::creators_rate_sd_log, 1.3, 0, 5, "log units",
          "Spread of creators' upload rates (lognormal; a few are very prolific)."),
      num("creators.rate_growth_per_year", &P::creators_rate_growth_per_year, 0.35, -1, 3, "1/year",
          "Growth of creators' upload rates as tooling improves, at the window's start."),
      num("creators.rate_growth_change_per_year", &P::creators_rate_growth_change_per_year, 0, -2,
          2, "1/year^2",
          "Yearly change of that growth rate. Negative: the growth slows and stops at zero (the "
          "rates do not fall because of it, and a negative starting growth is not deepened)."),
      num("creators.quantizer_share", &P::creators_quantizer_share, 0.05, 0, 1, "share",
          "Share of creators who specialise in quantizing fresh popular models."),
      num("creators.base_share", &P::creators_base_share, 0.25, 0, 1, "share",
          "Share of a creator's uploads that declare no parent (trained from scratch)."),

      // --- hub-wide release activity ---
      num("releases.early_factor", &P::releases_early_factor, 1, 0.01, 10, "x",
          "Release rates of generated publishers (base models and derivatives) before the boom, "
          "relative to after it. Below 1: the hub's activity jumps at the boom (the 2023 wave of "
          "open language models); 1: no boom."),
      num("releases.boom_year", &P::releases_boom_year, 2023.0, 1990, 2100, "decimal year",
          "When generated publishers reach their full release rates (2023.0 = 2023-01-01)."),
      num("releases.boom_ramp_years", &P::releases_boom_ramp_years, 0.5, 0, 10, "years",
          "The rates rise from the early factor to full log-linearly over this many years "
          "before boom_year (0: a step)."),

      // --- derivation ---
      num("derivation.quantize_fresh_weeks", &P::derivation_quantize_fresh_weeks, 3, 0.1, 104,
          "weeks", "Quantizers favour models younger than about this age."),
      num("derivation.quantize_fresh_boost", &P::derivation_quantize_fresh_boost, 20, 1, 1e4, "x",
          "How much more a quantizer favours a fresh model than an old one with the "
          "same downloads."),
      num("derivation.size_cost_exponent", &P::derivation_size_cost_exponent, 0.4, 0, 3, "-",
          "Fine-tuning propensity falls as (parameters / 1B)^-exponent above 1B parameters."),
      num("derivation.finetune_share", &P::derivation_finetune_share, 0.7, 0, 1, "share",
          "Share of fine-tunes among a general creator's derivatives."),
      num("derivation.adapter_share", &P::derivation_adapter_share, 0.2, 0, 1, "share",
          "Share of adapters among a general creator's derivatives."),
      num("derivation.merge_share", &P::derivation_merge_share, 0.1, 0, 1, "share",
          "Share of merges among a general creator's derivatives."),
      num("derivation.crowding_exponent", &P::derivation_crowding_exponent, 1.0, 0, 4, "-",
          "Derivatives of the same parent compete for its users: the k-th derivative's expected "
          "appeal is divided by k^exponent (early quantizations and fine-tunes take the "
          "attention; later ones crowd in)."),
      num("derivation.home_preference", &P::derivation_home_preference, 0.5, 0, 20, "-",
          "Extra weight creators give to parents developed in their own region."),

      // --- sizes ---
      num("sizes.bytes_per_param", &P::sizes_bytes_per_param, 2.0, 0.1, 8, "bytes",
          "Memory per parameter of an unquantized model (16-bit weights)."),
      num("sizes.quantized_bytes_per_param", &P::sizes_quantized_bytes_per_param, 0.55, 0.05, 8,
          "bytes", "Memory per parameter of a quantized model (about 4 bits plus overhead)."),
      num("sizes.log10_growth_per_year", &P::sizes_log10_growth_per_year, 0.2, -1, 2, "log10/year",
          "Yearly growth of generated publishers' typical model size."),
      num("sizes.per_release_mean", &P::sizes_per_release_mean, 1.4, 1, 20, "models",
          "Mean number of sizes in one release of a generated publisher (a family spans "
          "sizes)."),

      // --- datasets ---
      num("datasets.per_user_per_year", &P::datasets_per_user_per_year, 0.012, 0, 10,
          "datasets/user/year", "Datasets published per registered user per year."),
      num("datasets.per_org_per_year", &P::datasets_per_org_per_year, 1.0, 0, 1e3,
          "datasets/organisation/year", "Datasets published per active organisation per year."),
  };
}

}  // namespace

const std::vector<ParameterEntry>& parameter_registry() {
  static const std::vector<ParameterEntry> registry = build_registry();
  return registry;
}

const ParameterEntry* find_parameter(const std::string& dotted_name) {
  for (const auto& e : parameter_registry())
    if (e.spec.name == dotted_name) return &e;
  return nullptr;
}

const Schema& parameter_schema() {
  static const Schema schema = [] {
    Schema s;
    s.title = "[parameters] and [mechanisms]";
    s.description =
        "Scalar parameters (dotted keys under [parameters]) and mechanism switches "
        "(keys under [mechanisms]).";
    for (const auto& e : parameter_registry()) s.fields.push_back(e.spec);
    return s;
  }();
  return schema;
}

Parameters default_parameters() {
  Parameters p;
  for (const auto& e : parameter_registry()) {
    if (auto m = std::get_if<double Parameters::*>(&e.member)) p.*(*m) = e.spec.default_number;
    if (auto m = std::get_if<bool MechanismSwitches::*>(&e.member))
      p.mechanisms.*(*m) = e.spec.default_number != 0.0;
  }
  return p;
}

std::vector<std::string> parameter_names() {
  std::vector<std::string> names;
  for (const auto& e : parameter_registry()) names.push_back(e.spec.name);
  return names;
}

std::vector<std::string> numeric_parameter_names() {
  std::vector<std::string> names;
  for (const auto& e : parameter_registry())
    if (std::holds_alternative<double Parameters::*>(e.member)) names.push_back(e.spec.name);
  return names;
}

void set_parameter(Parameters& p, const std::string& dotted_name, double value,
                   const std::string& origin) {
  const ParameterEntry* e = find_parameter(dotted_name);
  std::ostringstream vt;
  vt << value;
  if (!e) {
    const std::string guess = closest_match(dotted_name, parameter_names());
    throw InputError(
        origin, dotted_name, vt.str(),
        "unknown parameter" + (guess.empty() ? std::string(" (see scenarios/README.md)")
                                             : "; did you mean '" + guess + "'?"));
  }
  if (auto m = std::get_if<double Parameters::*>(&e->member)) {
    if (!std::isfinite(value) || value < e->spec.lo || value > e->spec.hi)
      throw InputError(origin, dotted_name, vt.str(), describe_allowed(e->spec));
    p.*(*m) = value;
  } else {
    const auto b = std::get<bool MechanismSwitches::*>(e->member);
    if (value != 0.0 && value != 1.0)
      throw InputError(origin, dotted_name, vt.str(), "0 (off) or 1 (on)");
    p.mechanisms.*b = value != 0.0;
  }
}

double get_parameter(const Parameters& p, const std::string& dotted_name) {
  const ParameterEntry* e = find_parameter(dotted_name);
  if (!e) throw std::invalid_argument("unknown parameter " + dotted_name);
  if (auto m = std::get_if<double Parameters::*>(&e->member)) return p.*(*m);
  return p.mechanisms.*std::get<bool MechanismSwitches::*>(e->member) ? 1.0 : 0.0;
}

}  // namespace hubsim
