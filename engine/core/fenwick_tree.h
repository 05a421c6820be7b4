#pragma once
// A Fenwick (binary indexed) tree of non-negative weights: O(log n) weight updates and
// sampling of an index with probability proportional to its weight. Used to pick which
// publisher releases next among hundreds of thousands whose rates change over time.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hubsim {

class FenwickTree {
 public:
  size_t size() const { return weights_.size(); }
  double total() const { return total_; }
  double weight(size_t i) const { return weights_[i]; }

  // Appends an index with the given weight; returns its index.
  size_t push_back(double w) {
    const size_t i = weights_.size();
    weights_.push_back(0.0);
    // Node i+1 (1-based) covers (i+1 - lowbit(i+1), i+1]: sum those children.
    const size_t node = i + 1;
    double cover = 0.0;
    const size_t low = node & (~node + 1);
    for (size_t k = 1; k < low; k <<= 1) cover += tree_[node - k - 1];
    tree_.push_back(cover);
    set(i, w);
    return i;
  }

  void set(size_t i, double w) {
    if (w < 0.0) w = 0.0;
    const double delta = w - weights_[i];
    weights_[i] = w;
    total_ += delta;
    for (size_t node = i + 1; node <= tree_.size(); node += node & (~node + 1))
      tree_[node - 1] += delta;
  }

  // Index whose cumulative weight interval contains u * total, u in [0, 1).
  // Zero-weight indices are never returned; returns size() if the total is zero.
  size_t find(double u) const {
    if (!(total_ > 0.0)) return weights_.size();
    double target = u * total_;
    size_t pos = 0;
    size_t step = 1;
    while (step * 2 <= tree_.size()) step *= 2;
    for (; step > 0; step >>= 1) {
      const size_t next = pos + step;
      if (next <= tree_.size() && tree_[next - 1] <= target) {
        pos = next;
        target -= tree_[next - 1];
      }
    }
    // Guard against rounding: step forward over zero weights, back from the end.
    while (pos < weights_.size() && weights_[pos] <= 0.0) ++pos;
    if (pos >= weights_.size()) {
      pos = weights_.size();
      while (pos > 0 && weights_[pos - 1] <= 0.0) --pos;
      return pos == 0 ? weights_.size() : pos - 1;
    }
    return pos;
  }

  // Recomputes the tree from the weights (removes accumulated rounding drift).
  void rebuild() {
    total_ = 0.0;
    for (size_t i = 0; i < tree_.size(); ++i) tree_[i] = 0.0;
    for (size_t i = 0; i < weights_.size(); ++i) {
      total_ += weights_[i];
      for (size_t node = i + 1; node <= tree_.size(); node += node & (~node + 1))
        tree_[node - 1] += weights_[i];
    }
  }

 private:
  std::vector<double> weights_;
  std::vector<double> tree_;
  double total_ = 0.0;
};

}  // namespace hubsim
