#pragma once
// The calibrated posterior a scenario refers to in [uncertainty] (the file `hubsim calibrate`
// writes; format in outputs/README.md and /calibration): weighted samples of named registry
// parameters. Loaded and fully validated once, with the scenario.
#include <optional>
#include <string>
#include <vector>

namespace hubsim {

struct Posterior {
  std::string file;                         // path as opened
  std::string method;                       // free text from the file
  std::vector<std::string> parameters;      // registry names, in the file's order
  std::vector<double> weights;              // one per sample, >= 0, summing to 1
  std::vector<std::vector<double>> values;  // [sample][parameter]
  // The sample a point run uses (posterior.point_sample), when the file names one.
  std::optional<size_t> point_sample;

  size_t size() const { return weights.size(); }
  // Weighted median of one parameter: the smallest value whose cumulative weight reaches 1/2.
  double weighted_median(size_t parameter) const;
  // The value a point run uses: the point sample's, or the weighted median without one. A
  // named sample keeps the parameters coherent; componentwise medians of a wide posterior
  // can combine into a point no sample is near.
  double point_value(size_t parameter) const;
  // The sample whose cumulative-weight interval contains u in [0, 1).
  size_t sample_at(double u) const;
};

// Loads `path`. Errors name the posterior file with the key and value at fault (unknown
// parameter, value out of its registry bounds, weights not summing to 1 within 1e-6, ...);
// a missing file is reported against `referrer` (the scenario file), `referrer_key` and line.
Posterior load_posterior(const std::string& path, const std::string& referrer,
                         const std::string& referrer_key, int referrer_line);

}  // namespace hubsim
