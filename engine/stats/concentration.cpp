#include "stats/concentration.h"

#include <algorithm>

#include "core/radix_sort.h"

namespace hubsim {

WeightedValues::WeightedValues(std::vector<uint64_t> many, double many_weight,
                               std::vector<uint64_t> one)
    : many_(std::move(many)), one_(std::move(one)), many_weight_(many_weight) {
  radix_sort(many_);
  radix_sort(one_);
  weight_total_ = double(many_.size()) * many_weight_ + double(one_.size());
  double many_sum = 0, one_sum = 0;
  for (uint64_t v : many_) many_sum += double(v);
  for (uint64_t v : one_) one_sum += double(v);
  value_total_ = many_sum * many_weight_ + one_sum;
}

template <class Fn>
void WeightedValues::ascending(Fn&& fn) const {
  size_t i = 0, j = 0;
  while (i < many_.size() || j < one_.size()) {
    if (j == one_.size() || (i < many_.size() && many_[i] <= one_[j])) {
      fn(many_[i++], many_weight_);
    } else {
      fn(one_[j++], 1.0);
    }
  }
}

double WeightedValues::top_share(double n) const {
  if (!(value_total_ > 0) || n <= 0) return 0.0;
  double taken_weight = 0, taken_value = 0;
  size_t i = many_.size(), j = one_.size();
  while ((i > 0 || j > 0) && taken_weight < n) {
    uint64_t v;
    double w;
    if (j == 0 || (i > 0 && many_[i - 1] > one_[j - 1])) {
      v = many_[--i];
      w = many_weight_;
    } else {
      v = one_[--j];
      w = 1.0;
    }
    const double use = std::min(w, n - taken_weight);  // part of a model standing for many
    taken_weight += use;
    taken_value += use * double(v);
  }
  return taken_value / value_total_;
}

double WeightedValues::gini() const {
  if (!(value_total_ > 0) || !(weight_total_ > 0)) return 0.0;
  // Area under the Lorenz curve by trapezoids over the ascending, weighted values.
  double lorenz_prev = 0, area = 0;
  ascending([&](uint64_t v, double w) {
    const double lorenz = lorenz_prev + w * double(v) / value_total_;
    area += w / weight_total_ * (lorenz_prev + lorenz);
    lorenz_prev = lorenz;
  });
  return 1.0 - area;
}

double WeightedValues::hhi() const {
  if (!(value_total_ > 0)) return 0.0;
  double h = 0;
  ascending([&](uint64_t v, double w) {
    const double s = double(v) / value_total_;
    h += w * s * s;
  });
  return h;
}

double WeightedValues::share_below(uint64_t threshold) const {
  if (!(weight_total_ > 0)) return 0.0;
  const auto many_below =
      double(std::lower_bound(many_.begin(), many_.end(), threshold) - many_.begin());
  const auto one_below =
      double(std::lower_bound(one_.begin(), one_.end(), threshold) - one_.begin());
  return (many_below * many_weight_ + one_below) / weight_total_;
}

}  // namespace hubsim
