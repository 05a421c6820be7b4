#pragma once
// Users and datasets. Users are exchangeable within a (region, hardware tier) cell, so the
// population is held as counts per cell and every change (arrival, hardware upgrade, becoming
// a creator) is drawn per cell: the work is proportional to what changes, not to 12 million
// users. Datasets are individual records.
#include <cstdint>
#include <vector>

namespace hubsim {

struct UserPopulation {
  int regions = 0;
  int tiers = 0;
  std::vector<int64_t> count;  // [region * tiers + tier], simulated users

  void resize(int n_regions, int n_tiers) {
    regions = n_regions;
    tiers = n_tiers;
    count.assign(size_t(n_regions * n_tiers), 0);
  }
  int64_t& at(int region, int tier) { return count[size_t(region * tiers + tier)]; }
  int64_t at(int region, int tier) const { return count[size_t(region * tiers + tier)]; }
  int64_t in_region(int region) const {
    int64_t n = 0;
    for (int h = 0; h < tiers; ++h) n += at(region, h);
    return n;
  }
  int64_t total() const {
    int64_t n = 0;
    for (auto c : count) n += c;
    return n;
  }
};

struct DatasetTable {
  std::vector<uint16_t> category;
  std::vector<int32_t> publisher;  // -1: published by a user
  std::vector<int32_t> release_step;
  std::vector<int64_t> count_by_category;  // simulated datasets so far

  size_t size() const { return category.size(); }
  void add(uint16_t cat, int32_t pub, int32_t step) {
    category.push_back(cat);
    publisher.push_back(pub);
    release_step.push_back(step);
    ++count_by_category[cat];
  }
};

}  // namespace hubsim
