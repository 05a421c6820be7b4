#pragma once
// Global sensitivity analysis of one outcome from a Saltelli design (blocks of k + 2 values
// A, AB_1 .. AB_k, B per base sample):
//
// - Sobol indices: first order S1_i = mean(f_B (f_ABi - f_A)) / V (Saltelli et al. 2010) and
//   total ST_i = mean((f_A - f_ABi)^2) / (2 V) (Jansen 1999), V the variance of the A and B
//   values together; percentile bootstrap intervals over the base samples.
// - Morris screening on the radial design that a Saltelli design is (Campolongo, Saltelli and
//   Cariboni 2011): elementary effect of parameter i in block b = (f_ABi - f_A) / (u_Bi - u_Ai),
//   u the position in the parameter's range; mu, mu* = mean |EE| and sigma per parameter.
//
// Blocks with a non-finite value (a failed experiment, a statistic that is NaN) are left out.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sweep/sweep_spec.h"

namespace hubsim::sweep {

struct SobolIndices {
  std::vector<double> s1, s1_low, s1_high;  // per parameter
  std::vector<double> st, st_low, st_high;
  double variance = 0;      // of the outcome over the A and B rows used
  size_t base_samples = 0;  // blocks used
};

struct MorrisIndices {
  std::vector<double> mu, mu_star, sigma;  // per parameter, per unit of range position
  std::vector<int64_t> effects;            // elementary effects used per parameter
};

struct OutcomeSensitivity {
  SobolIndices sobol;
  MorrisIndices morris;
  bool stable = false;
  std::string warning;  // why the indices are not stable (empty when stable)
};

// y: one value per row (size = blocks * (k + 2)). Bootstrap draws come from counter-based
// streams keyed by `seed`, so the intervals are reproducible.
SobolIndices sobol_indices(std::span<const double> y, size_t k, int bootstrap, double confidence,
                           uint64_t seed);
// unit: [row * k + j], the rows' positions in their parameters' ranges.
MorrisIndices morris_radial(std::span<const double> y, std::span<const double> unit, size_t k);
OutcomeSensitivity analyse_outcome(std::span<const double> y, std::span<const double> unit,
                                   size_t k, const SensitivityOptions& options, uint64_t seed);

}  // namespace hubsim::sweep
