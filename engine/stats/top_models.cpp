#include "stats/top_models.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace hubsim {

std::vector<double> top_models_by_region(const ModelTable& models, int regions, double scale,
                                         double n) {
  std::vector<double> out(size_t(regions), 0.0);
  std::vector<uint32_t> ids;
  for (size_t m = 0; m < models.size(); ++m)
    if (models.downloads_year[m] > 0) ids.push_back(uint32_t(m));
  // Every simulated model stands for at least one model: the top n represented models are
  // among the top n simulated ones.
  const auto more = [&](uint32_t a, uint32_t b) {
    const uint64_t da = models.downloads_year[a], db = models.downloads_year[b];
    return da != db ? da > db : a < b;
  };
  const size_t keep = std::min(ids.size(), size_t(std::ceil(n)));
  std::partial_sort(ids.begin(), ids.begin() + std::ptrdiff_t(keep), ids.end(), more);
  double room = n;
  for (size_t i = 0; i < keep && room > 0; ++i) {
    const uint32_t m = ids[i];
    const double stands_for = models.represents_one(m) ? 1.0 : 1.0 / scale;
    const double counted = std::min(room, stands_for);
    out[models.region[m]] += counted;
    room -= counted;
  }
  return out;
}

}  // namespace hubsim
