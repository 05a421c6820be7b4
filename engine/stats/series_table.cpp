#include "stats/series_table.h"

#include <stdexcept>

namespace hubsim {

Series& SeriesTable::add(std::string name, std::string unit, std::string description,
                         std::vector<CategoryDim> dims) {
  if (has(name)) throw std::logic_error("series " + name + " defined twice");
  Series s;
  s.name = std::move(name);
  s.unit = std::move(unit);
  s.description = std::move(description);
  s.dims = std::move(dims);
  s.width = 1;
  for (const auto& d : s.dims) s.width *= d.labels.size();
  s.values.assign(size_t(n_steps_) * s.width, 0.0);
  series_.push_back(std::move(s));
  return series_.back();
}

Series& SeriesTable::get(const std::string& name) {
  for (auto& s : series_)
    if (s.name == name) return s;
  throw std::logic_error("no series " + name);
}

const Series& SeriesTable::get(const std::string& name) const {
  for (const auto& s : series_)
    if (s.name == name) return s;
  throw std::logic_error("no series " + name);
}

bool SeriesTable::has(const std::string& name) const {
  for (const auto& s : series_)
    if (s.name == name) return true;
  return false;
}

}  // namespace hubsim
