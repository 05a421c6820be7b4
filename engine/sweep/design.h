#pragma once
// The design of a sweep: one row of parameter values per experiment. Made from a sweep file's
// sampler and parameters (make_design) or from a CSV table.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sweep/design_table.h"
#include "sweep/sweep_spec.h"

namespace hubsim::sweep {

// The role of a row in a Saltelli design (kPoint in a plain design).
enum class Role : uint8_t { kPoint = 0, kA = 1, kAB = 2, kB = 3 };
inline constexpr std::array<const char*, 4> kRoleNames = {"point", "A", "AB", "B"};

struct Design {
  std::vector<std::string> parameters;  // column order
  DesignLayout layout = DesignLayout::kPlain;
  std::vector<double> values;  // [experiment * k + j]
  // Position of each value in its parameter's range, in [0, 1] (linear or log as sampled; the
  // level index / (levels - 1) for discrete levels; for a CSV table, relative to the column's
  // smallest and largest value). Morris elementary effects are per unit of this position.
  std::vector<double> unit;

  size_t k() const { return parameters.size(); }
  size_t experiments() const { return parameters.empty() ? 0 : values.size() / parameters.size(); }
  double value(size_t e, size_t j) const { return values[e * k() + j]; }
  // Saltelli layout: rows come in blocks of k + 2 (A, AB_1 .. AB_k, B).
  size_t block_size() const { return k() + 2; }
  Role role(size_t e) const;
  int64_t block(size_t e) const;  // -1 in a plain design
  int column(size_t e) const;     // the parameter an AB row takes from B, else -1
};

// Builds the design of a sweep file's sampler (not kTable). Throws InputError (naming the sweep
// file) when it would exceed kMaxExperiments or the Sobol sequence's dimensions.
Design make_design(const SweepSpec& spec);
// Wraps a CSV table; with the Saltelli layout, checks the block structure (row counts, and each
// AB_i row equal to its A row except column i, taken from B).
Design design_from_table(const DesignTable& table, DesignLayout layout);

}  // namespace hubsim::sweep
