#include "sweep/sweep_schema.h"

namespace hubsim::sweep {

const Schema& sweep_file_schema() {
  static const Schema schema{
      "sweep file",
      "A sweep file has one [sweep] table, the swept parameters as [[parameters]] tables "
      "(absent with sampler = \"table\") and optionally [sensitivity].",
      {
          table_field("sweep", true, "What to run: base scenario, sampler, outcomes, seed."),
          table_array_field("parameters", false, "The swept parameters, one table each."),
          table_field("sensitivity", false, "Options of the sensitivity analysis."),
      }};
  return schema;
}

const Schema& sweep_table_schema() {
  static const Schema schema{
      "[sweep]",
      "The experiments of a sweep: the base scenario, the design and what to keep.",
      {
          string_field("name", true, "Name of the sweep (recorded in the output)."),
          string_field("description", false, "One line on what the sweep asks."),
          string_field("scenario", true,
                       "Base scenario file, relative to the sweep file. Every experiment is "
                       "this scenario with the swept parameters set."),
          choice_field("sampler", {"grid", "lhs", "sobol", "saltelli", "table"}, "",
                       "grid: full factorial of each parameter's levels or points; lhs: Latin "
                       "hypercube of `samples` points; sobol: the first `samples` points of the "
                       "Sobol sequence (Joe-Kuo directions, up to 256 parameters); saltelli: "
                       "Saltelli design from a Sobol sequence of 2k dimensions (up to 128 "
                       "parameters), samples x (k + 2) experiments, analysed for Sobol indices "
                       "and Morris screening; table: rows of the CSV file `design_table`."),
          integer_field("samples", 0, 1, double(kMaxExperiments), "points",
                        "lhs, sobol: number of experiments; saltelli: base samples N (the "
                        "design has N (k + 2) experiments). Powers of 2 keep Sobol points "
                        "balanced. Not used by grid and table."),
          integer_field("replications", 1, 1, kMaxReplications, "replications",
                        "Replications of every experiment (replication r of every experiment "
                        "uses the same random streams with random_numbers = \"common\")."),
          integer_field("seed", 0, 0, 9.007199254740992e15, "-",
                        "Seed of the experiments' random streams and of the samplers (default: "
                        "the base scenario's seed)."),
          number_field("scale", 0, 1e-6, 4, "-",
                       "Scale of every experiment (default: the base scenario's scale); "
                       "statistics are in full-scale units at any scale."),
          choice_field("random_numbers", {"common", "independent"}, "common",
                       "common: replication r of every experiment uses the streams of (seed, r), "
                       "so experiments differ only through their parameters; independent: each "
                       "experiment has its own seed derived from (seed, experiment)."),
          string_list_field("outcomes", true,
                            "Statistic keys kept for every replication (see "
                            "outputs/STATISTICS.md), e.g. \"download_share_cn\"."),
          string_field("design_table", false,
                       "sampler = \"table\": CSV file, relative to the sweep file, with one "
                       "column per parameter (header = registry names) and one row per "
                       "experiment."),
          choice_field("table_layout", {"plain", "saltelli"}, "plain",
                       "sampler = \"table\": saltelli when the rows form blocks A, AB_1..AB_k, "
                       "B (SALib's layout without second-order terms), so that the sensitivity "
                       "analysis runs; plain otherwise."),
      }};
  return schema;
}

const Schema& sweep_parameter_schema() {
  static const Schema schema{
      "[[parameters]]",
      "One swept parameter: a registry name with a range (min, max, spacing; a grid also needs "
      "points) or a list of levels. Mechanism switches take levels [0, 1].",
      {
          string_field("name", true,
                       "Registry name of the parameter (scenarios/PARAMETERS.md), e.g. "
                       "\"attention.mean_weeks\" or \"mechanisms.home_bias\"."),
          number_field("min", 0, -1e300, 1e300, "parameter's unit",
                       "Lower end of the range (inside the parameter's bounds)."),
          number_field("max", 0, -1e300, 1e300, "parameter's unit",
                       "Upper end of the range (above min, inside the parameter's bounds)."),
          choice_field("spacing", {"linear", "log"}, "linear",
                       "How the unit interval maps onto the range: linear, or log (uniform in "
                       "log(value); needs min > 0)."),
          integer_field("points", 0, 2, 1e6, "points",
                        "grid only: evenly spaced points from min to max (both included)."),
          number_list_field("levels", false, -1e300, 1e300, "parameter's unit",
                            "Discrete values instead of a range. Samplers other than grid pick "
                            "level floor(u L) for a coordinate u in [0, 1)."),
      }};
  return schema;
}

const Schema& sensitivity_schema() {
  static const Schema schema{
      "[sensitivity]",
      "Options of the analysis of a Saltelli design (Sobol indices and Morris screening).",
      {
          integer_field("bootstrap", 1000, 10, 100000, "resamples",
                        "Bootstrap resamples of the base samples for confidence intervals."),
          number_field("confidence", 0.95, 0.5, 0.999, "probability",
                       "Level of the bootstrap percentile intervals."),
          number_field("max_ci_width", 0.2, 0.001, 2, "-",
                       "An outcome whose widest interval (S1 or ST of any parameter) is wider "
                       "is reported as unstable: more samples are needed."),
          integer_field("min_base_samples", 64, 2, 1e7, "samples",
                        "Fewer usable base samples than this mark an outcome as unstable."),
      }};
  return schema;
}

}  // namespace hubsim::sweep
