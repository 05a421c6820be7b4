#include "recovery.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "abc_smc.h"
#include "core/errors.h"
#include "core/input_file.h"
#include "moments.h"
#include "parameter_space.h"
#include "posterior_file.h"
#include "report.h"
#include "scenario/table_reader.h"

namespace hubsim::calibration {

Eigen::VectorXd load_truth_text(const std::string& text, const std::string& name,
                                const FreeParameterSet& free, const Parameters& scenario_params) {
  const toml::table doc = parse_toml(text, name);
  for (const auto& [k, v] : doc)
    if (k.str() != "truth")
      throw InputError(name, std::string(k.str()), "", "only a [truth] table",
                       int(v.source().begin.line));
  const toml::table* truth = doc["truth"].as_table();
  if (!truth) throw InputError(name, "truth", "(missing)", "a [truth] table of parameter = value");
  Eigen::VectorXd values = values_of_unit(free, start_point_unit(free, scenario_params));
  for (const auto& [k, v] : *truth) {
    const std::string key(k.str());
    const FreeParameter* p = free.find(key);
    const int line = int(v.source().begin.line);
    if (!p) throw InputError(name, "truth." + key, "", "a free parameter of " + free.file, line);
    auto x = v.value<double>();
    if (!x || !(*x >= p->lo && *x <= p->hi)) {
      std::ostringstream os;
      os << "a number in the free bounds [" << p->lo << ", " << p->hi << "]";
      throw InputError(name, "truth." + key, x ? std::to_string(*x) : std::string("(not a number)"),
                       os.str(), line);
    }
    values[Eigen::Index(p - free.params.data())] = *x;
  }
  return values;
}

Eigen::VectorXd load_truth(const std::string& path, const FreeParameterSet& free,
                           const Parameters& scenario_params) {
  return load_truth_text(read_input_file(path, "truth file"), path, free, scenario_params);
}

std::string synthetic_targets_toml(const TargetSet& real, const Eigen::MatrixXd& reps,
                                   const std::vector<std::string>& keys, const std::string& about) {
  const Eigen::VectorXd mean = finite_column_means(reps);
  const Eigen::VectorXd sd = finite_column_sds(reps);
  std::ostringstream os;
  os << "# Synthetic targets made by the engine (" << about << ").\n";
  for (const auto& t : real.targets) {
    const auto it = std::find(keys.begin(), keys.end(), t.stat);
    if (it == keys.end()) continue;
    const auto k = Eigen::Index(it - keys.begin());
    if (!std::isfinite(mean[k])) {
      os << "# " << t.stat << ": not produced at the truth, left out\n";
      continue;
    }
    double centre = mean[k], lo = 0, hi = 0;
    bool log = false;
    if (t.log_transform) {
      // Multiplicative range around the geometric mean, as wide (in logs) as the real one.
      std::vector<double> logs;
      for (Eigen::Index i = 0; i < reps.rows(); ++i)
        if (std::isfinite(reps(i, k)) && reps(i, k) > 0) logs.push_back(std::log(reps(i, k)));
      if (logs.size() * 2 >= size_t(reps.rows()) && logs.size() >= 2) {
        double m = 0, ss = 0;
        for (double x : logs) m += x / double(logs.size());
        for (double x : logs) ss += (x - m) * (x - m);
        const double sd_log = std::sqrt(ss / double(logs.size() - 1));
        const double half = std::max(0.5 * (std::log(t.hi) - std::log(t.lo)), 2.0 * sd_log);
        centre = std::exp(m);
        lo = std::exp(m - half);
        hi = std::exp(m + half);
        log = true;
      }
    }
    if (!log) {
      const double real_centre = 0.5 * (t.lo + t.hi), real_half = 0.5 * (t.hi - t.lo);
      const double relative = real_half / std::max(std::fabs(real_centre), real_half);
      double half = std::max(relative * std::fabs(mean[k]), 2.0 * sd[k]);
      if (!(half > 0)) half = real_half > 0 ? real_half : 1e-6 * std::max(1.0, std::fabs(mean[k]));
      lo = mean[k] - half;
      hi = mean[k] + half;
    }
    os << "\n[[target]]\nstat = \"" << t.stat << "\"\nvalue = " << exact_toml_float(centre)
       << "\nrange = [" << exact_toml_float(lo) << ", " << exact_toml_float(hi)
       << "]\nweight = " << exact_toml_float(t.weight) << "\nrole = \""
       << (t.role == TargetRole::kFit ? "fit" : "check") << "\"\n"
       << (log ? "transform = \"log\"\n" : "") << "source = \"synthetic: engine at the truth\"\n";
  }
  return os.str();
}

std::vector<RecoveryRow> recovery_rows(const CalibrationResult& r, const FreeParameterSet& free,
                                       const Eigen::VectorXd& truth) {
  std::vector<RecoveryRow> rows;
  const std::vector<ParameterSummary> summaries = parameter_summaries(r, free);
  for (size_t i = 0; i < summaries.size(); ++i) {
    const ParameterSummary& s = summaries[i];
    RecoveryRow row;
    row.name = s.name;
    row.truth = truth[Eigen::Index(i)];
    row.calibrated = s.calibrated;
    row.median = s.median;
    row.q05 = s.q05;
    row.q95 = s.q95;
    row.covered = s.calibrated && row.q05 <= row.truth && row.truth <= row.q95;
    rows.push_back(row);
  }
  return rows;
}

}  // namespace hubsim::calibration
