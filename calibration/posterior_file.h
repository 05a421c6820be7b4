#pragma once
// The calibrated posterior as TOML (the contract of /tmp/hubsim-notes/POSTERIOR_FORMAT.md):
// [posterior] with method, scenario and targets paths (relative to the file), created_utc,
// hubsim_version, the parameter names and the point sample, then one [[sample]] per particle
// with its weight and values. Values are written with 17 significant digits, so they read back bit
// for bit.
#include <Eigen/Dense>

#include <string>
#include <vector>

namespace hubsim::calibration {

struct PosteriorFile {
  std::string method;
  std::string scenario;  // as written (relative to the posterior file)
  std::string targets;
  std::string created_utc;
  std::string hubsim_version;
  std::vector<std::string> parameters;
  Eigen::MatrixXd values;  // samples x parameters
  Eigen::VectorXd weights;
  Eigen::Index point_sample = -1;  // the sample point runs use; -1: none (weighted medians)
};

// Writes atomically. `scenario_path` and `targets_path` are made relative to the file's
// directory; `header` lines are written as comments at the top.
void write_posterior(const std::string& path, const PosteriorFile& posterior,
                     const std::string& scenario_path, const std::string& targets_path,
                     const std::vector<std::string>& header);
// Throws InputError on a malformed file (for tests and tools; the scenario loader has its own).
PosteriorFile read_posterior(const std::string& path);

// `v` as a TOML float with 17 significant digits, so that it reads back bit for bit.
std::string exact_toml_float(double v);

// A path relative to a directory, with '/' separators ("." for the directory itself).
std::string path_relative_to(const std::string& path, const std::string& directory);

}  // namespace hubsim::calibration
