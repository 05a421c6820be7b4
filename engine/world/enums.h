#pragma once
// The fixed vocabularies of the simulated world. Codes are stored in output files as HDF5 enum
// types carrying these labels, so readers need no lookup tables.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hubsim {

enum class PublisherType : uint8_t {
  kBigTech = 0,
  kIndustry = 1,
  kAcademic = 2,
  kNonprofit = 3,
  kGovernment = 4,
  kIndependent = 5,
};
inline constexpr int kPublisherTypeCount = 6;
inline constexpr std::array<const char*, kPublisherTypeCount> kPublisherTypeNames = {
    "big_tech", "industry", "academic", "nonprofit", "government", "independent"};

enum class ModelKind : uint8_t {
  kBase = 0,
  kFinetune = 1,
  kQuantized = 2,
  kAdapter = 3,
  kMerge = 4,
};
inline constexpr int kModelKindCount = 5;
inline constexpr std::array<const char*, kModelKindCount> kModelKindNames = {
    "base", "finetune", "quantized", "adapter", "merge"};

enum class ReleaseStrategy : uint8_t { kOneShot = 0, kContinuous = 1 };
inline constexpr std::array<const char*, 2> kReleaseStrategyNames = {"one_shot", "continuous"};

inline bool is_industry(PublisherType t) {
  return t == PublisherType::kBigTech || t == PublisherType::kIndustry;
}

template <size_t N>
std::vector<std::string> names_of(const std::array<const char*, N>& a) {
  return std::vector<std::string>(a.begin(), a.end());
}

template <size_t N>
std::optional<int> index_of(const std::array<const char*, N>& a, std::string_view name) {
  for (size_t i = 0; i < N; ++i)
    if (name == a[i]) return int(i);
  return std::nullopt;
}

}  // namespace hubsim
