#pragma once
// Calibration targets: the published statistics (calibration/hub-statistics.toml) expressed as
// ranges of hubsim statistics, with weights and roles (fitted or kept aside as a check).
#include <optional>
#include <string>
#include <vector>

namespace hubsim::calibration {

enum class TargetRole { kFit, kCheck };

struct Target {
  std::string stat;             // /stats key
  std::optional<double> value;  // central published figure, if any
  double lo = 0;
  double hi = 0;
  double weight = 1;
  TargetRole role = TargetRole::kFit;
  // Compare on log(value) in the calibration distance (positive statistics with multiplicative,
  // heavy-tailed noise); "inside the range" is always judged on the value itself.
  bool log_transform = false;
  std::string source;
  std::string note;
  int line = 0;
  bool contains(double x) const { return x >= lo && x <= hi; }
};

struct TargetSet {
  std::string file;
  std::string text;
  std::vector<Target> targets;
  const Target* find(const std::string& stat) const;
};

// Throws InputError (file, key, line, value, allowed) on any malformed entry.
TargetSet load_targets(const std::string& path);
TargetSet load_targets_text(const std::string& text, const std::string& name);

}  // namespace hubsim::calibration
