#pragma once
// The scalar parameters of the simulated world. Their names, defaults, units, bounds,
// meanings and sources live in ONE place, the registry in parameter_registry.cpp; this struct
// only holds the values (initialised from that registry, never here).
namespace hubsim {

// Which mechanisms run. Switching one off is how unit tests isolate the others.
struct MechanismSwitches {
  bool attention_decay = true;
  bool continuous_updates = true;
  bool cumulative_advantage = true;
  bool derivation = true;
  bool home_bias = true;
  bool size_economics = true;
  bool growth = true;
  bool events = true;
};

struct Parameters {
  MechanismSwitches mechanisms;

  // Initial state of the hub at the window's start (full-scale counts).
  double initial_users = 0;
  double initial_models = 0;
  double initial_history_weeks = 0;

  // Users (downloaders) and their hardware.
  double users_growth_per_year = 0;
  double users_growth_change_per_year = 0;
  double users_tier_upgrade_per_year = 0;

  // Demand for downloads.
  double demand_downloads_per_user_week = 0;
  double demand_downloads_growth_per_year = 0;
  double demand_automated_share = 0;
  double demand_popularity_memory_weeks = 0;
  double demand_beyond_hardware = 0;
  double demand_size_cost_exponent = 0;

  // Attention of a model after release.
  double attention_mean_weeks = 0;
  double attention_residual = 0;
  double attention_family_renewal = 0;

  // Appeal (quality) of models.
  double quality_base_sd_log = 0;
  double quality_derivative_sd_log = 0;
  double quality_finetune_factor = 0;
  double quality_quantized_factor = 0;
  double quality_adapter_factor = 0;
  double quality_merge_factor = 0;
  double quality_derivative_gain_per_year = 0;
  double quality_version_step_log = 0;
  double quality_public_research_log = 0;

  // Independent creators arising from users.
  double creators_propensity_per_year = 0;
  double creators_mean_lifetime_years = 0;
  double creators_uploads_per_year = 0;
  double creators_rate_sd_log = 0;
  double creators_rate_growth_per_year = 0;
  double creators_rate_growth_change_per_year = 0;
  double creators_quantizer_share = 0;
  double creators_base_share = 0;

  // Hub-wide release activity of generated publishers before the boom (releases_activity.h).
  double releases_early_factor = 0;
  double releases_boom_year = 0;
  double releases_boom_ramp_years = 0;

  // How derivatives pick their parent and kind.
  double derivation_quantize_fresh_weeks = 0;
  double derivation_quantize_fresh_boost = 0;
  double derivation_size_cost_exponent = 0;
  double derivation_finetune_share = 0;
  double derivation_adapter_share = 0;
  double derivation_merge_share = 0;
  double derivation_home_preference = 0;
  double derivation_crowding_exponent = 0;

  // Model sizes and what hardware runs them.
  double sizes_bytes_per_param = 0;
  double sizes_quantized_bytes_per_param = 0;
  double sizes_log10_growth_per_year = 0;
  double sizes_per_release_mean = 0;

  // Datasets.
  double datasets_per_user_per_year = 0;
  double datasets_per_org_per_year = 0;
};

}  // namespace hubsim
