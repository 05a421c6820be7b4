#pragma once
// Reading a user's input file (scenario, sweep, targets, free parameters, posterior) whole, with
// the checks that keep a bad path from hanging or exhausting memory: it must be a regular file
// (a directory reads as empty, a device or FIFO may never end), readable and of a sane size.
// Every problem is an InputError naming the file, or the file and key that name the path.
#include <cstdint>
#include <string>

namespace hubsim {

// Larger than any hand-written input by orders of magnitude (the baseline scenario is 30 KB).
constexpr std::uintmax_t kMaxInputFileBytes = std::uintmax_t{64} << 20;

// Where a path was written, when it came from another file (e.g. `extends`): errors then name
// that file, key, value and line rather than the path alone.
struct FileReference {
  std::string file;
  std::string key;
  std::string value;  // as written, e.g. "\"../baseline.toml\""
  int line = 0;
};

// `what` names the kind of file in messages, e.g. "scenario file".
std::string read_input_file(const std::string& path, const std::string& what,
                            const FileReference* from = nullptr);

}  // namespace hubsim
