#pragma once
// Typed errors. Library code throws; only the CLI maps them to exit codes (bad input -> 2).
#include <stdexcept>
#include <string>

namespace hubsim {

// Bad user input: a scenario, sweep or target file, a CLI argument or an HDF5 file read back.
// The message always names the file, the key, the offending value and what is allowed.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, std::string key, std::string value, std::string allowed,
             int line = 0)
      : std::runtime_error(format(file, key, value, allowed, line)),
        file_(std::move(file)),
        key_(std::move(key)),
        value_(std::move(value)),
        allowed_(std::move(allowed)),
        line_(line) {}

  const std::string& file() const { return file_; }
  const std::string& key() const { return key_; }
  const std::string& value() const { return value_; }
  const std::string& allowed() const { return allowed_; }
  int line() const { return line_; }

 private:
  static std::string format(const std::string& file, const std::string& key,
                            const std::string& value, const std::string& allowed, int line) {
    std::string where = file.empty() ? std::string("<input>") : file;
    if (line > 0) where += ":" + std::to_string(line);
    std::string msg = where + ": ";
    if (!key.empty()) msg += "key '" + key + "'";
    if (!value.empty()) msg += (key.empty() ? "value " : " = ") + value;
    // A problem with the whole file (e.g. a TOML syntax error) has no key: "file:line: what".
    if (!allowed.empty()) msg += (key.empty() && value.empty() ? "" : ": ") + allowed;
    return printable(msg);
  }

  // One line on any terminal: control characters from the input (a NUL, a newline inside a
  // value) are shown escaped.
  static std::string printable(const std::string& text) {
    static const char* const kHex = "0123456789abcdef";
    std::string out;
    for (const char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      if (c == '\n') {
        out += "\\n";
      } else if (byte < 0x20 || byte == 0x7f) {
        out += {'\\', 'x', kHex[byte >> 4], kHex[byte & 15]};
      } else {
        out += c;
      }
    }
    return out;
  }

  std::string file_, key_, value_, allowed_;
  int line_;
};

// A failure writing or reading an output (disk full, permission, HDF5 library error).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A run stopped because it grew past a limit its caller set (ReplicationOptions::max_models):
// not bad input, a candidate the caller has chosen not to simulate to the end.
class RunLimitExceeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace hubsim
