#include "scenario/posterior.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <set>
#include <sstream>

#include "core/errors.h"
#include "core/input_file.h"
#include "scenario/did_you_mean.h"
#include "scenario/parameter_registry.h"
#include "scenario/table_reader.h"

namespace hubsim {

namespace {

const Schema& header_schema() {
  static const Schema s{
      "[posterior]",
      "What the posterior is: written by `hubsim calibrate`.",
      {string_field("method", true, "How the posterior was made (free text)."),
       string_field("scenario", false, "Scenario calibrated (relative to the posterior file)."),
       string_field("targets", false, "Targets file (relative to the posterior file)."),
       string_field("created_utc", false, "Creation time, ISO 8601 UTC."),
       string_field("hubsim_version", false, "Version that wrote it."),
       string_list_field("parameters", true, "Registry names of the parameters, in value order."),
       integer_field("point_sample", -1, 0, 1e9, "index",
                     "The [[sample]] (0 = first) that point runs use; without it they use each "
                     "parameter's weighted median.")}};
  return s;
}

const Schema& sample_schema() {
  static const Schema s{
      "[[sample]]",
      "One weighted sample of the parameters.",
      {required_number("weight", 0, 1, "share", "Weight of the sample; weights sum to 1."),
       number_list_field("values", true, -std::numeric_limits<double>::infinity(),
                         std::numeric_limits<double>::infinity(), "",
                         "One value per name in posterior.parameters, in that order.")}};
  return s;
}

}  // namespace

double Posterior::weighted_median(size_t parameter) const {
  std::vector<size_t> order(size());
  std::iota(order.begin(), order.end(), size_t(0));
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return values[a][parameter] < values[b][parameter]; });
  double cumulative = 0;
  for (size_t i : order) {
    cumulative += weights[i];
    if (cumulative >= 0.5 - 1e-12) return values[i][parameter];
  }
  return values[order.back()][parameter];
}

double Posterior::point_value(size_t parameter) const {
  return point_sample ? values[*point_sample][parameter] : weighted_median(parameter);
}

size_t Posterior::sample_at(double u) const {
  double target = u;
  for (size_t i = 0; i < size(); ++i) {
    if (target < weights[i]) return i;
    target -= weights[i];
  }
  for (size_t i = size(); i > 0; --i)
    if (weights[i - 1] > 0) return i - 1;
  return 0;
}

Posterior load_posterior(const std::string& path, const std::string& referrer,
                         const std::string& referrer_key, int referrer_line) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw InputError(referrer, referrer_key, "\"" + path + "\"",
                     "the posterior file does not exist (written by `hubsim calibrate`; the path "
                     "is relative to the scenario file)",
                     referrer_line);
  // A directory, device or oversized file is reported against the scenario's key too.
  const FileReference from{referrer, referrer_key, "\"" + path + "\"", referrer_line};
  const std::string text = read_input_file(path, "posterior file", &from);
  const toml::table doc = parse_toml(text, path);
  for (const auto& [k, v] : doc) {
    const std::string key(k.str());
    if (key != "posterior" && key != "sample")
      throw InputError(path, key, value_text(v),
                       "unknown key; a posterior file holds [posterior] and [[sample]]",
                       node_line(v));
  }
  Posterior post;
  post.file = path;
  const auto* head = doc.get_as<toml::table>("posterior");
  if (!head) throw InputError(path, "posterior", "(missing)", "a [posterior] table");
  TableReader r(*head, header_schema(), path, "posterior");
  post.method = r.string("method");
  for (const char* key : {"scenario", "targets", "created_utc", "hubsim_version"}) r.string(key);
  post.parameters = r.strings("parameters");
  const bool has_point = r.has("point_sample");
  const int64_t point = has_point ? r.integer("point_sample") : -1;
  r.finish();
  if (post.parameters.empty()) r.fail("parameters", "[]", "at least one parameter name");
  std::set<std::string> seen;
  const std::vector<const ParameterEntry*> entries = [&] {
    std::vector<const ParameterEntry*> out;
    for (const auto& name : post.parameters) {
      const ParameterEntry* e = find_parameter(name);
      if (!e || !std::holds_alternative<double Parameters::*>(e->member)) {
        const std::string guess = closest_match(name, numeric_parameter_names());
        r.fail("parameters", "\"" + name + "\"",
               "names of numeric parameters of the registry (scenarios/PARAMETERS.md)" +
                   (guess.empty() ? std::string() : "; did you mean '" + guess + "'?"));
      }
      if (!seen.insert(name).second) r.fail("parameters", "\"" + name + "\"", "each name once");
      out.push_back(e);
    }
    return out;
  }();

  const auto* samples = doc.get_as<toml::array>("sample");
  if (!samples || samples->empty() || !samples->is_array_of_tables())
    throw InputError(path, "sample", "(missing)", "one or more [[sample]] tables");
  double total = 0;
  for (size_t i = 0; i < samples->size(); ++i) {
    const std::string key = "sample[" + std::to_string(i) + "]";
    TableReader s(*samples->get(i)->as_table(), sample_schema(), path, key);
    const double weight = s.number("weight");
    std::vector<double> values = s.numbers("values");
    s.finish();
    if (values.size() != entries.size())
      s.fail("values", std::to_string(values.size()) + " values",
             std::to_string(entries.size()) + " values, one per name in posterior.parameters");
    for (size_t j = 0; j < values.size(); ++j) {
      const FieldSpec& spec = entries[j]->spec;
      if (values[j] < spec.lo || values[j] > spec.hi)
        throw InputError(path, key + ".values[" + std::to_string(j) + "] (" + spec.name + ")",
                         number_text(values[j]), describe_allowed(spec), s.line_of("values"));
    }
    total += weight;
    post.weights.push_back(weight);
    post.values.push_back(std::move(values));
  }
  if (std::fabs(total - 1.0) > 1e-6)
    throw InputError(path, "sample[*].weight", "sum " + number_text(total),
                     "weights that sum to 1 (within 1e-6)");
  if (has_point) {
    if (point >= int64_t(post.size()) || !(post.weights[size_t(point)] > 0))
      r.fail("point_sample", std::to_string(point),
             "the index of a [[sample]] with a positive weight (0 to " +
                 std::to_string(post.size() - 1) + ")");
    post.point_sample = size_t(point);
  }
  return post;
}

}  // namespace hubsim
