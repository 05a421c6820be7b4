#include "scenario/entity_schemas.h"

#include "world/enums.h"

namespace hubsim {

namespace {
Schema make(std::string title, std::string description, std::vector<FieldSpec> fields) {
  return Schema{std::move(title), std::move(description), std::move(fields)};
}
}  // namespace

const Schema& top_level_schema() {
  static const Schema s = make(
      "top level", "The tables a scenario file may contain.",
      {table_field("scenario", true, "Window, scale, seed, replications (see [scenario])."),
       table_field("parameters", false,
                   "Scalar parameters by dotted name (see the parameter table)."),
       table_field("mechanisms", false, "Mechanism switches (see the parameter table)."),
       table_array_field("regions", true, "Regions of users and developers ([[regions]])."),
       table_array_field("hardware_tiers", true, "Users' hardware tiers ([[hardware_tiers]])."),
       table_array_field("tasks", true, "Model tasks ([[tasks]])."),
       table_array_field("dataset_categories", true,
                         "Dataset categories ([[dataset_categories]])."),
       table_field("publisher_types", true,
                   "Generated publishers by type ([publisher_types.<type>])."),
       table_array_field("publishers", false, "Named publishers ([[publishers]])."),
       table_array_field("events", false, "Dated events and policy levers ([[events]])."),
       table_field("uncertainty", false, "What ensemble members draw ([uncertainty])."),
       table_array_field("outcomes", false, "Statistics that comparisons report ([[outcomes]]).")});
  return s;
}

const Schema& scenario_info_schema() {
  static const Schema s = make(
      "[scenario]", "What is simulated: window, time step, scale, seed and replications.",
      {string_field("name", true, "Short name of the scenario."),
       string_field("description", false, "The question the scenario answers."),
       string_field("extends", false,
                    "Path (relative to this file) of a scenario this one starts from: tables "
                    "merge key by key, [[publishers]] merge by name, [[events]] are appended, "
                    "other arrays replace the base's."),
       string_list_field("disable_events", false, "Ids of inherited events to drop."),
       date_field("start", true, "First day of the window."),
       date_field("end", true, "Last day of the window (its step is included)."),
       integer_field("step_days", 7, 1, 366, "days", "Length of a time step."),
       number_field("scale", 1.0, 1e-6, 4.0, "x full",
                    "Share of the full populations simulated (1 = the real counts). Statistics are "
                    "reported in full-scale units; named publishers are never scaled."),
       integer_field("seed", 0, 0, 9.007199254740992e15, "-", "Base seed of all random streams."),
       integer_field("replications", 1, 1, 100000, "-", "Independent replications to run."),
       bool_field("write_model_table", true,
                  "Write the per-model table of replication 0 into the output file.")});
  // The seed must always be explicit.
  static const Schema with_required_seed = [] {
    Schema copy = s;
    for (auto& f : copy.fields)
      if (f.name == "seed") {
        f.required = true;
        f.default_text.clear();
      }
    return copy;
  }();
  return with_required_seed;
}

const Schema& region_schema() {
  static const Schema s = make(
      "[[regions]]", "A region of users and developers (at most 16).",
      {string_field("name", true, "Region code, e.g. \"US\"."),
       required_number("user_share", 0, 1, "share",
                       "Share of arriving users from this region; "
                       "shares sum to 1."),
       number_field("home_bias", 1.0, 0, 100, "x - 1",
                    "Extra preference of the region's users for models developed in the region "
                    "(0 = none, 1 = twice the weight)."),
       number_field("creator_propensity", 1.0, 0, 100, "x",
                    "Relative chance that a user of the region becomes a creator.")});
  return s;
}

const Schema& hardware_tier_schema() {
  static const Schema s = make(
      "[[hardware_tiers]]", "A hardware tier of users (at most 8), ordered from small to large.",
      {string_field("name", true, "Tier name, e.g. \"consumer_gpu\"."),
       required_number("memory_gb", 0.01, 1e6, "GiB", "Largest model footprint the tier runs."),
       required_number("initial_share", 0, 1, "share",
                       "Share of arriving users in this tier at the start; shares sum to 1.")});
  return s;
}

const Schema& task_schema() {
  static const Schema s =
      make("[[tasks]]", "A model task (at most 16).",
           {string_field("name", true, "Task name, e.g. \"text-generation\"."),
            required_number("demand_share", 0, 1, "share",
                            "Share of human demand at the start; sums to 1."),
            number_field("demand_growth_per_year", 0, -5, 5, "1/year",
                         "Growth of the task's demand weight."),
            required_number("release_share", 0, 1, "share",
                            "Share of generated base releases at the start; sums to 1."),
            number_field("release_growth_per_year", 0, -5, 5, "1/year",
                         "Growth of the task's release weight."),
            date_field("surge_from", false,
                       "Start of an extra growth phase of the task's demand and release weights "
                       "(e.g. text generation after the chat-model boom)."),
            number_field("surge_growth_per_year", 0, -5, 20, "1/year",
                         "Extra growth of both weights from surge_from on.")});
  return s;
}

const Schema& dataset_category_schema() {
  static const Schema s = make(
      "[[dataset_categories]]", "A dataset category (at most 200).",
      {string_field("name", true, "Category name, e.g. \"robotics\"."),
       required_number("share", 0, 1, "share", "Share of new datasets at the start; sums to 1."),
       number_field("growth_per_year", 0, -5, 10, "1/year", "Growth of the category's weight."),
       date_field("surge_from", false, "Start of an extra growth phase."),
       number_field("surge_growth_per_year", 0, -5, 20, "1/year",
                    "Extra growth of the weight from surge_from on.", "S26 (robotics x24 in 2025)"),
       bool_field("ranked", true,
                  "Whether the category takes part in category ranks (false for datasets "
                  "without a task category).")});
  return s;
}

const Schema& publisher_type_schema() {
  static const Schema s = make(
      "[publisher_types.<type>]",
      "Generated publishers of one type (big_tech, industry, academic, nonprofit, government, "
      "independent). Independents also arise from users (see creators.* parameters); for them "
      "entry_* and the rate fields other than rate_sd_log are not used after the start.",
      {number_field("initial", 0, 0, 1e8, "publishers (full scale)", "Publishers at the start."),
       number_field("entry_per_year", 0, 0, 1e8, "publishers/year (full scale)",
                    "New publishers per year at the start."),
       number_field("entry_growth_per_year", 0, -5, 5, "1/year", "Growth of the entry rate."),
       number_by_name_field("region_share", true, 0, 1, "share",
                            "Share of the type's publishers in each region (names of [[regions]]); "
                            "sums to 1."),
       number_field("base_releases_per_year", 0, 0, 1e4, "releases/year",
                    "Mean base-model releases per publisher per year."),
       number_field("derivatives_per_year", 0, 0, 1e4, "models/year",
                    "Mean derivatives uploaded per publisher per year."),
       number_field("rate_sd_log", 1.0, 0, 5, "log units",
                    "Spread of publishers' rates (lognormal)."),
       number_field("quality_log_mean", 0, -20, 20, "log appeal",
                    "Mean log appeal of the type's base models."),
       number_field("size_log10_mean", 8.5, 5, 12.5, "log10 parameters",
                    "Typical log10 parameter count of the type's base models at the start."),
       number_field("size_log10_sd", 0.4, 0, 3, "log10 units", "Spread of model sizes."),
       number_field("openness", 1, 0, 1, "share",
                    "Share of planned releases published as open weights."),
       number_field("continuous_share", 0, 0, 1, "share",
                    "Share of publishers on a continuous-update strategy."),
       number_field("mean_lifetime_years", 5, 0.02, 100, "years",
                    "Mean time a publisher stays active.")});
  return s;
}

const Schema& publisher_types_table_schema() {
  static const Schema s = [] {
    Schema t;
    t.title = "[publisher_types]";
    t.description = "One table per publisher type.";
    for (const char* name : kPublisherTypeNames)
      t.fields.push_back(table_field(name, true, "Generated publishers of this type."));
    return t;
  }();
  return s;
}

const Schema& named_publisher_schema() {
  static const Schema s =
      make("[[publishers]]", "A named publisher (a major lab or company) with its model families.",
           {string_field("name", true, "Unique name, e.g. \"Alibaba\"."),
            choice_field("type", names_of(kPublisherTypeNames), "", "Publisher type."),
            string_field("region", true, "Region name (of [[regions]])."),
            bool_field("publicly_funded", false, "Whether public money funds its models."),
            bool_field("report_releases", false, "Report its yearly release counts as statistics."),
            table_array_field("families", true, "Its model families ([[publishers.families]]).")});
  return s;
}

const Schema& family_schema() {
  static const Schema s = make(
      "[[publishers.families]]", "A model family of a named publisher and its release process.",
      {string_field("id", true, "Unique family id, e.g. \"qwen\" (statistics use it)."),
       date_field("from", true, "First release."),
       date_field("until", false, "No releases after this date."),
       choice_field("strategy", names_of(kReleaseStrategyNames), "continuous",
                    "one_shot: released once; continuous: successive versions renew attention."),
       number_field("releases_per_year", 1, 0, 365, "releases/year",
                    "Cadence of successive versions."),
       number_list_field("sizes_b", true, 0.001, 100000, "billion parameters",
                         "Sizes the family spans."),
       date_list_field("sizes_from", false,
                       "Per size of sizes_b, the first date a release may include it (the "
                       "family's larger sizes came later). Same length as sizes_b. The family "
                       "starts at the later of from and the earliest date; a size joins the "
                       "draws of the family's next scheduled release after its date (a one-shot "
                       "family draws among the sizes out at its one release). Sizes have no end "
                       "date. Absent: every size from the start."),
       number_field("sizes_per_release", 1, 1, 100, "sizes", "Mean number of sizes per release."),
       number_field("quality_log", 0, -20, 20, "log appeal",
                    "Log appeal of the family's releases."),
       number_field("openness", 1, 0, 1, "share", "Share of releases published as open weights."),
       number_field("license_factor", 1, 0, 1, "-",
                    "How freely the license allows derivatives (1 = permissive)."),
       string_field("task", true, "Task name (of [[tasks]])."),
       integer_field("official_quantized", 0, 0, 20, "models per size",
                     "Quantized variants the publisher uploads itself per released size."),
       bool_field("report_derivatives", false,
                  "Report the family's derivative counts as statistics (derivatives_<id>).")});
  return s;
}

}  // namespace hubsim
