#include "sweep/shard.h"

#include <charconv>

#include "core/errors.h"

namespace hubsim::sweep {

std::vector<int64_t> Shard::experiments(int64_t total) const {
  std::vector<int64_t> out;
  for (int64_t e = index; e < total; e += count) out.push_back(e);
  return out;
}

Shard parse_shard(const std::string& text, const std::string& option) {
  const std::string allowed =
      "i/n with 0 <= i < n <= 100000, e.g. 0/4 (Slurm: "
      "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)";
  const size_t slash = text.find('/');
  Shard s;
  auto parse = [&](std::string_view part, int64_t& v) {
    const auto [end, err] = std::from_chars(part.data(), part.data() + part.size(), v);
    return !part.empty() && err == std::errc() && end == part.data() + part.size();
  };
  if (slash == std::string::npos || !parse(std::string_view(text).substr(0, slash), s.index) ||
      !parse(std::string_view(text).substr(slash + 1), s.count) || s.count < 1 ||
      s.count > 100000 || s.index < 0 || s.index >= s.count)
    throw InputError("command line", option, "\"" + text + "\"", allowed);
  return s;
}

}  // namespace hubsim::sweep
