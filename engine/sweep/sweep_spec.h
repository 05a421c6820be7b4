#pragma once
// A sweep: the validated description of a set of experiments over one base scenario, read from
// a sweep file (TOML) by load_sweep(). Each experiment is the base scenario with some registry
// parameters set to the values of one row of the design, run for `replications` replications.
#include <cstdint>
#include <string>
#include <vector>

#include "scenario/scenario.h"
#include "sweep/design_table.h"

namespace hubsim::sweep {

enum class SamplerKind { kGrid, kLatinHypercube, kSobol, kSaltelli, kTable };
// Names as written in sweep files: grid, lhs, sobol, saltelli, table.
const char* sampler_name(SamplerKind kind);

// How experiments draw random numbers. kCommon: every experiment's replication r uses the
// streams of (seed, r) (common random numbers: differences between experiments come from the
// parameters, not from noise). kIndependent: experiment e uses its own seed derived from
// (seed, e).
enum class RandomNumbers { kCommon, kIndependent };
const char* random_numbers_name(RandomNumbers mode);

enum class Spacing { kLinear, kLog };

// The order of a design's rows. kSaltelli: blocks of k + 2 rows A, AB_1 .. AB_k, B (the layout
// of SALib's saltelli/sobol sampler without second-order terms), which the sensitivity analysis
// needs; kPlain: any order.
enum class DesignLayout { kPlain, kSaltelli };

struct SweepParameter {
  std::string name;        // registry name, e.g. "attention.mean_weeks"
  bool is_switch = false;  // a mechanism switch: values 0 (off) and 1 (on)
  // Either a range (min < max, with spacing; for a grid also `points`) or discrete levels.
  double min = 0, max = 0;
  Spacing spacing = Spacing::kLinear;
  int points = 0;
  std::vector<double> levels;
  bool has_levels() const { return !levels.empty(); }
};

struct SensitivityOptions {
  int bootstrap = 1000;       // bootstrap resamples for the confidence intervals
  double confidence = 0.95;   // level of the intervals
  double max_ci_width = 0.2;  // wider intervals (of any index) mark an outcome as unstable
  int min_base_samples = 64;  // fewer base samples mark every outcome as unstable
};

struct SweepSpec {
  std::string file;       // path of the sweep file
  std::string file_text;  // its text
  std::string name;
  std::string description;
  std::string scenario_file;  // the base scenario's path (resolved against the sweep file)
  Scenario base;              // loaded, with the sweep's scale applied
  SamplerKind sampler = SamplerKind::kGrid;
  int64_t samples = 0;  // lhs, sobol: experiments; saltelli: base samples N (N (k + 2) runs)
  int replications = 1;
  uint64_t seed = 0;
  double scale = 1.0;
  // A replication whose hub grows past this many models (full scale) stops, and its experiment
  // is recorded as failed with the reason (`hubsim sweep --max-models`); 0 = no limit.
  double max_models = 0;
  RandomNumbers random_numbers = RandomNumbers::kCommon;
  std::vector<std::string> outcomes;  // statistic keys kept per replication
  std::vector<SweepParameter> parameters;
  DesignTable table;  // sampler = table: the CSV design (its path resolved against the sweep file)
  DesignLayout table_layout = DesignLayout::kPlain;
  SensitivityOptions sensitivity;
};

}  // namespace hubsim::sweep
