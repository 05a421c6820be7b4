#include "scenario/scenario.h"

namespace hubsim {

namespace {
template <class T>
std::optional<int> find_by_name(const std::vector<T>& items, const std::string& name) {
  for (size_t i = 0; i < items.size(); ++i)
    if (items[i].name == name) return int(i);
  return std::nullopt;
}
template <class T>
std::vector<std::string> names(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.name);
  return out;
}
}  // namespace

std::optional<int> Scenario::region_index(const std::string& name) const {
  return find_by_name(regions, name);
}
std::optional<int> Scenario::task_index(const std::string& name) const {
  return find_by_name(tasks, name);
}
std::optional<int> Scenario::named_publisher_index(const std::string& name) const {
  return find_by_name(named_publishers, name);
}
std::vector<std::string> Scenario::region_names() const {
  return names(regions);
}
std::vector<std::string> Scenario::task_names() const {
  return names(tasks);
}
std::vector<std::string> Scenario::tier_names() const {
  return names(tiers);
}
std::vector<std::string> Scenario::category_names() const {
  return names(dataset_categories);
}
std::vector<std::string> Scenario::named_publisher_names() const {
  return names(named_publishers);
}

}  // namespace hubsim
