#pragma once
// A shard of a sweep (--shard i/n): the experiments e with e mod n == i. Round-robin, so every
// shard gets a similar mix of cheap and expensive parts of the design.
#include <cstdint>
#include <string>
#include <vector>

namespace hubsim::sweep {

struct Shard {
  int64_t index = 0;
  int64_t count = 1;
  bool contains(int64_t experiment) const { return experiment % count == index; }
  std::vector<int64_t> experiments(int64_t total) const;
  std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// Parses "i/n" (0 <= i < n <= 100000); throws InputError naming `option`.
Shard parse_shard(const std::string& text, const std::string& option);

}  // namespace hubsim::sweep
