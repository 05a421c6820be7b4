#pragma once
// Time series of one replication: each series has a name that says what kind of quantity it is
// (new_* flows per step, n_* stocks at the end of a step, cum_* running totals), a unit, a
// description, and zero or more categorical dimensions after the step dimension.
#include <cstddef>
#include <deque>
#include <string>
#include <vector>

namespace hubsim {

struct CategoryDim {
  std::string name;                 // e.g. "region"
  std::vector<std::string> labels;  // e.g. {"US", "CN", ...}
};

struct Series {
  std::string name;
  std::string unit;
  std::string description;
  std::vector<CategoryDim> dims;  // after the step dimension
  size_t width = 1;               // product of dims' sizes
  std::vector<double> values;     // [step * width + flat category index]

  double* row(int step) { return values.data() + size_t(step) * width; }
  const double* row(int step) const { return values.data() + size_t(step) * width; }
};

class SeriesTable {
 public:
  explicit SeriesTable(int n_steps = 0) : n_steps_(n_steps) {}
  Series& add(std::string name, std::string unit, std::string description,
              std::vector<CategoryDim> dims = {});
  Series& get(const std::string& name);
  const Series& get(const std::string& name) const;
  bool has(const std::string& name) const;
  const std::deque<Series>& all() const { return series_; }
  int n_steps() const { return n_steps_; }

 private:
  int n_steps_;
  std::deque<Series> series_;  // deque: references from add() stay valid
};

}  // namespace hubsim
