#pragma once
// Concentration measures over models when simulated models stand for different numbers of real
// models: a named publisher's model stands for one, a generated model for 1/scale. Values are
// per-model download counts; every measure is computed on the represented population.
#include <cstdint>
#include <vector>

namespace hubsim {

class WeightedValues {
 public:
  // `many` values each stand for `many_weight` models; `one` values for one model each.
  WeightedValues(std::vector<uint64_t> many, double many_weight, std::vector<uint64_t> one);

  double models() const { return weight_total_; }  // represented number of models
  double total() const { return value_total_; }    // represented sum of values
  // Share of the total held by the `n` largest represented models.
  double top_share(double n) const;
  // Share of the total held by the largest fraction `f` of represented models.
  double top_fraction_share(double f) const { return top_share(f * weight_total_); }
  double gini() const;
  double hhi() const;  // sum of squared shares of represented models
  // Share of represented models whose value is below `threshold`.
  double share_below(uint64_t threshold) const;

 private:
  template <class Fn>
  void ascending(Fn&& fn) const;  // fn(value, weight) in ascending value order

  std::vector<uint64_t> many_, one_;  // sorted ascending
  double many_weight_;
  double weight_total_ = 0;
  double value_total_ = 0;
};

}  // namespace hubsim
