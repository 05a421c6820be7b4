#pragma once
// Helpers shared by the sweep tests: a scratch directory and the test data directory.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace hubsim::sweep::testing {

inline std::string data_dir() {
  return std::string(HUBSIM_SOURCE_DIR) + "/tests/sweep/data";
}

class ScratchDir {
 public:
  ScratchDir() {
    std::random_device device;
    path_ = std::filesystem::temp_directory_path() /
            ("hubsim-sweep-test-" + std::to_string(::getpid()) + "-" + std::to_string(device()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(file(name), std::ios::binary) << text;
    return file(name);
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace hubsim::sweep::testing
