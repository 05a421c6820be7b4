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
    if (!allowed.empty()) msg += ": " + allowed;
    return msg;
  }

  std::string file_, key_, value_, allowed_;
  int line_;
};

// A failure writing or reading an output (disk full, permission, HDF5 library error).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace hubsim
