#include "world/model_table.h"

#include <cmath>
#include <limits>

namespace hubsim {

int footprint_bin(double footprint_gib) {
  if (!(footprint_gib > 0.0)) return 0;
  const int b = int(std::floor(std::log2(footprint_gib))) + 4;
  return b < 0 ? 0 : (b >= kSizeBins ? kSizeBins - 1 : b);
}

double footprint_bin_upper_gib(int bin) {
  if (bin >= kSizeBins - 1) return std::numeric_limits<double>::infinity();
  return std::ldexp(1.0, bin - 3);
}

void ModelTable::reserve(size_t n) {
  cell.reserve(n);
  appeal.reserve(n);
  fresh.reserve(n);
  popularity.reserve(n);
  downloads_total.reserve(n);
  downloads_year.reserve(n);
  downloads_last_30_days.reserve(n);
  window_downloads.reserve(n);
  window_age_sum.reserve(n);
  release_step.reserve(n);
  family.reserve(n);
  flags.reserve(n);
  children.reserve(n);
  license.reserve(n);
  derive_factor.reserve(n);
  quantize_factor.reserve(n);
  parent.reserve(n);
  publisher.reserve(n);
  kind.reserve(n);
  publisher_type.reserve(n);
  region.reserve(n);
  origin.reserve(n);
  task.reserve(n);
  params.reserve(n);
}

int32_t ModelTable::add(const NewModel& m, const CellLayout& layout) {
  const auto id = int32_t(size());
  cell.push_back(layout.encode(m.region, m.origin, footprint_bin(m.footprint_gib), m.task));
  appeal.push_back(m.appeal);
  fresh.push_back(1.0f);
  popularity.push_back(0.0f);
  downloads_total.push_back(0);
  downloads_year.push_back(0);
  downloads_last_30_days.push_back(0);
  window_downloads.push_back(0.0);
  window_age_sum.push_back(0.0);
  release_step.push_back(m.release_step);
  family.push_back(m.family);
  flags.push_back(m.represents_one ? kRepresentsOne : 0);
  children.push_back(0.0f);
  if (m.parent >= 0) children[size_t(m.parent)] += m.represents;
  license.push_back(m.license);
  derive_factor.push_back(m.derive_factor);
  quantize_factor.push_back(m.quantize_factor);
  parent.push_back(m.parent);
  publisher.push_back(m.publisher);
  kind.push_back(uint8_t(m.kind));
  publisher_type.push_back(uint8_t(m.publisher_type));
  region.push_back(m.region);
  origin.push_back(m.origin);
  task.push_back(m.task);
  params.push_back(m.params);
  return id;
}

}  // namespace hubsim
