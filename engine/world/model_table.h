#pragma once
// All models of one replication as structure-of-arrays: one contiguous column per field, so
// the weekly download pass streams through memory and no model is a heap object.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "world/enums.h"

namespace hubsim {

// Demand cells: what matters for users' choice of a model is summarised by (developer region,
// lineage origin region, memory-footprint bin, task). Downloads are allocated per cell, then to
// models in proportion to their attention.
inline constexpr int kSizeBins = 16;
// Bin b holds footprints in [2^(b-4), 2^(b-3)) GiB; bin 0 everything smaller, bin 15 larger.
int footprint_bin(double footprint_gib);
double footprint_bin_upper_gib(int bin);  // +inf for the last bin

struct CellLayout {
  int regions = 1;
  int tasks = 1;
  int cells() const { return regions * regions * kSizeBins * tasks; }
  int region_pairs() const { return regions * regions; }
  uint16_t encode(int region, int origin, int bin, int task) const {
    return uint16_t(((region * regions + origin) * kSizeBins + bin) * tasks + task);
  }
  int pair_of(int cell) const { return cell / (kSizeBins * tasks); }  // region*regions+origin
  int region_of(int cell) const { return pair_of(cell) / regions; }
  int origin_of(int cell) const { return pair_of(cell) % regions; }
  int bin_of(int cell) const { return (cell / tasks) % kSizeBins; }
  int task_of(int cell) const { return cell % tasks; }
};

enum ModelFlags : uint8_t {
  kRepresentsOne = 1,  // a named publisher's model: stands for itself at any scale
};

struct NewModel {
  int32_t parent = -1;
  int32_t family = -1;
  int32_t publisher = -1;
  PublisherType publisher_type = PublisherType::kIndependent;
  ModelKind kind = ModelKind::kBase;
  uint8_t region = 0;
  uint8_t origin = 0;
  uint8_t task = 0;
  float params = 0;         // parameter count
  float footprint_gib = 0;  // memory needed to run it
  float appeal = 0;
  float license = 1;
  int32_t release_step = 0;
  bool represents_one = false;
  float represents = 1;  // real models it stands for: 1 (named) or 1/scale
  // Static parts of the model's weight as a parent (see mechanisms/derivation.h).
  float derive_factor = 0;
  float quantize_factor = 0;
};

struct ModelTable {
  // Hot columns, read or written by the weekly download pass.
  std::vector<uint16_t> cell;
  std::vector<float> appeal;
  std::vector<float> fresh;       // fresh attention, 1 at release, decays
  std::vector<float> popularity;  // exponentially weighted weekly downloads
  std::vector<uint64_t> downloads_total;
  std::vector<uint64_t> downloads_year;  // current calendar year
  // Downloads in the last 30 days of the current year: the hub's own download counter counts the
  // last 30 days, which is what snapshots of 'models with zero downloads' measure.
  std::vector<uint32_t> downloads_last_30_days;
  std::vector<double> window_downloads;  // downloads within the engagement window
  std::vector<double> window_age_sum;    // sum of age (weeks) x downloads within the window
  std::vector<int32_t> release_step;
  std::vector<int32_t> family;
  std::vector<uint8_t> flags;
  // Real derivatives declaring this model as parent (simulated ones weighted by how many real
  // models each stands for), for crowding.
  std::vector<float> children;
  std::vector<float> license;
  std::vector<float> derive_factor, quantize_factor;  // static parent-weight factors
  // Cold columns.
  std::vector<int32_t> parent;
  std::vector<int32_t> publisher;
  std::vector<uint8_t> kind;
  std::vector<uint8_t> publisher_type;
  std::vector<uint8_t> region;
  std::vector<uint8_t> origin;
  std::vector<uint8_t> task;
  std::vector<float> params;

  size_t size() const { return cell.size(); }
  void reserve(size_t n);
  int32_t add(const NewModel& m, const CellLayout& layout);
  bool represents_one(size_t m) const { return flags[m] & kRepresentsOne; }
};

}  // namespace hubsim
