#include "sweep/sweep_merge.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/errors.h"

namespace hubsim::sweep {

MergeOutcome merge_sweep_files(const std::vector<std::string>& files, const std::string& out,
                               const std::string& command_line) {
  if (files.empty()) throw InputError("command line", "SHARD.h5", "", "at least one shard file");
  std::vector<SweepData> parts;
  for (const auto& f : files) parts.push_back(read_sweep_file(f));
  const SweepData& first = parts.front();
  const size_t k = first.parameters.size();
  // Which file holds each experiment.
  std::map<int64_t, std::pair<size_t, size_t>> where;  // experiment -> (part, row)
  std::set<int64_t> shard_indices;
  for (size_t p = 0; p < parts.size(); ++p) {
    const SweepData& d = parts[p];
    if (d.meta.fingerprint != first.meta.fingerprint)
      throw InputError(files[p], "fingerprint", d.meta.fingerprint,
                       "the fingerprint of " + files[0] + " (" + first.meta.fingerprint +
                           "): every file must come from the same sweep (same sweep file, base "
                           "scenario, overrides and hubsim version)");
    shard_indices.insert(d.meta.shard_index);
    for (size_t row = 0; row < d.experiments.size(); ++row) {
      const int64_t e = d.experiments[row];
      const auto [it, fresh] = where.emplace(e, std::make_pair(p, row));
      if (!fresh)
        throw InputError(
            files[p], "experiment", std::to_string(e),
            "each experiment in one file only (it is also in " + files[it->second.first] + ")");
    }
  }
  const int64_t total = first.meta.experiments_total;
  if (int64_t(where.size()) != total) {
    std::vector<int64_t> missing;
    for (int64_t e = 0; e < total && missing.size() < 5; ++e)
      if (!where.count(e)) missing.push_back(e);
    std::string list;
    for (int64_t e : missing) list += (list.empty() ? "" : ", ") + std::to_string(e);
    std::string shards;
    for (int64_t s = 0; s < first.meta.shard_count; ++s)
      if (!shard_indices.count(s))
        shards += (shards.empty() ? "" : ", ") + std::to_string(s) + "/" +
                  std::to_string(first.meta.shard_count);
    throw InputError("command line", "SHARD.h5",
                     std::to_string(where.size()) + " of " + std::to_string(total) + " experiments",
                     "shard files that together hold every experiment; missing e.g. " + list +
                         (shards.empty() ? std::string() : " (no file of shard " + shards + ")"));
  }

  MergeOutcome m;
  SweepData& d = m.data;
  d.meta = first.meta;
  d.meta.shard_index = 0;
  d.meta.shard_count = 1;
  d.meta.command_line = command_line;
  d.meta.threads = 0;
  d.meta.ranks = 0;
  d.meta.wall_seconds = 0;
  for (const auto& p : parts) {
    d.meta.threads = std::max(d.meta.threads, p.meta.threads);
    d.meta.ranks += p.meta.ranks;
    d.meta.wall_seconds += p.meta.wall_seconds;
  }
  d.parameters = first.parameters;
  d.outcomes = first.outcomes;
  d.layout = first.layout;
  for (const auto& [e, at] : where) {
    const SweepData& src = parts[at.first];
    const size_t row = at.second;
    d.experiments.push_back(e);
    d.values.insert(d.values.end(), src.values.begin() + long(row * k),
                    src.values.begin() + long((row + 1) * k));
    d.unit.insert(d.unit.end(), src.unit.begin() + long(row * k),
                  src.unit.begin() + long((row + 1) * k));
    d.results.push_back(src.results[row]);
  }
  m.sensitivity = analyse(d);
  write_sweep_file(out, d, m.sensitivity);
  return m;
}

}  // namespace hubsim::sweep
