#pragma once
#include <string>
#include <vector>

namespace hubsim {

// The candidate closest to `word` by edit distance, or "" when none is close enough to be a
// plausible typo.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);
size_t edit_distance(const std::string& a, const std::string& b);

}  // namespace hubsim
