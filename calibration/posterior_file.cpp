#include "posterior_file.h"

#include <toml++/toml.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "core/input_file.h"
#include "io/atomic_output.h"
#include "scenario/table_reader.h"

namespace hubsim::calibration {

std::string exact_toml_float(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  std::string s = buf;
  // TOML floats need a '.' or an exponent; integral values would otherwise read as integers.
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string path_relative_to(const std::string& path, const std::string& directory) {
  namespace fs = std::filesystem;
  const fs::path p = fs::weakly_canonical(fs::absolute(path));
  const fs::path d = fs::weakly_canonical(fs::absolute(directory.empty() ? "." : directory));
  return p.lexically_relative(d).generic_string();
}

void write_posterior(const std::string& path, const PosteriorFile& post,
                     const std::string& scenario_path, const std::string& targets_path,
                     const std::vector<std::string>& header) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  std::ostringstream os;
  os << "# Posterior of the calibrated parameters, written by `hubsim calibrate` (do not edit by "
        "hand).\n";
  for (const auto& line : header) os << "# " << line << "\n";
  os << "[posterior]\n";
  os << "method = " << quoted(post.method) << "\n";
  os << "scenario = " << quoted(path_relative_to(scenario_path, dir)) << "\n";
  os << "targets = " << quoted(path_relative_to(targets_path, dir)) << "\n";
  os << "created_utc = " << quoted(post.created_utc) << "\n";
  os << "hubsim_version = " << quoted(post.hubsim_version) << "\n";
  os << "parameters = [";
  for (size_t i = 0; i < post.parameters.size(); ++i)
    os << (i ? ", " : "") << quoted(post.parameters[i]);
  os << "]\n";
  if (post.point_sample >= 0)
    os << "# point runs use this sample (0 = first): the one nearest the weighted median\n"
       << "point_sample = " << post.point_sample << "\n";
  for (Eigen::Index s = 0; s < post.values.rows(); ++s) {
    os << "\n[[sample]]\nweight = " << exact_toml_float(post.weights[s]) << "\nvalues = [";
    for (Eigen::Index j = 0; j < post.values.cols(); ++j)
      os << (j ? ", " : "") << exact_toml_float(post.values(s, j));
    os << "]\n";
  }
  io::AtomicOutput out(path);
  {
    std::ofstream f(out.temp_path(), std::ios::binary);
    f << os.str();
    f.close();
    if (!f) throw OutputError("cannot write " + out.temp_path());
  }
  out.commit();
}

PosteriorFile read_posterior(const std::string& path) {
  const toml::table doc = parse_toml(read_input_file(path, "posterior file"), path);
  PosteriorFile p;
  const toml::table* head = doc["posterior"].as_table();
  if (!head) throw InputError(path, "posterior", "(missing)", "a [posterior] table");
  auto str = [&](const char* key) {
    auto v = (*head)[key].value<std::string>();
    if (!v) throw InputError(path, std::string("posterior.") + key, "(missing)", "a string");
    return *v;
  };
  p.method = str("method");
  p.scenario = str("scenario");
  p.targets = str("targets");
  p.created_utc = str("created_utc");
  p.hubsim_version = str("hubsim_version");
  const toml::array* names = (*head)["parameters"].as_array();
  if (!names)
    throw InputError(path, "posterior.parameters", "(missing)", "a list of parameter names");
  for (const auto& n : *names) {
    auto s = n.value<std::string>();
    if (!s) throw InputError(path, "posterior.parameters", "", "a list of strings");
    p.parameters.push_back(*s);
  }
  if (const toml::node* point = head->get("point_sample")) {
    const auto i = point->value<int64_t>();
    if (!i || *i < 0) throw InputError(path, "posterior.point_sample", "", "a sample index >= 0");
    p.point_sample = Eigen::Index(*i);
  }
  const toml::array* samples = doc["sample"].as_array();
  if (!samples || samples->empty())
    throw InputError(path, "sample", "(missing)", "one or more [[sample]]");
  const auto d = Eigen::Index(p.parameters.size());
  p.values.resize(Eigen::Index(samples->size()), d);
  p.weights.resize(Eigen::Index(samples->size()));
  for (size_t i = 0; i < samples->size(); ++i) {
    const toml::table* t = samples->get(i)->as_table();
    const std::string key = "sample[" + std::to_string(i) + "]";
    auto w = t ? (*t)["weight"].value<double>() : std::nullopt;
    const toml::array* v = t ? (*t)["values"].as_array() : nullptr;
    if (!w || !(*w >= 0)) throw InputError(path, key + ".weight", "", "a number >= 0");
    if (!v || Eigen::Index(v->size()) != d)
      throw InputError(path, key + ".values", "", "one number per name in posterior.parameters");
    p.weights[Eigen::Index(i)] = *w;
    for (Eigen::Index j = 0; j < d; ++j) {
      auto x = v->get(size_t(j))->value<double>();
      if (!x) throw InputError(path, key + ".values", "", "numbers");
      p.values(Eigen::Index(i), j) = *x;
    }
  }
  if (std::fabs(p.weights.sum() - 1.0) > 1e-6)
    throw InputError(path, "sample.weight", std::to_string(p.weights.sum()),
                     "weights summing to 1 (within 1e-6)");
  if (p.point_sample >= p.values.rows())
    throw InputError(
        path, "posterior.point_sample", std::to_string(p.point_sample),
        "the index of a [[sample]] (0 to " + std::to_string(p.values.rows() - 1) + ")");
  return p;
}

}  // namespace hubsim::calibration
