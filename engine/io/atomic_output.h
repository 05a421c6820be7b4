#pragma once
// Atomic replacement of an output file: write everything to a temporary file next to the final
// path, then rename it into place, so readers see either the old file or the complete new one,
// never a half-written one (a crash or an error leaves the final path untouched).
#include <string>

namespace hubsim::io {

class AtomicOutput {
 public:
  // Creates no file itself; the writer creates temp_path(), which is
  // "<final>.tmp-<pid>-<16 random hex digits>" in the same directory as the final path.
  explicit AtomicOutput(std::string final_path);
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  AtomicOutput(AtomicOutput&& other) noexcept;
  AtomicOutput& operator=(AtomicOutput&&) = delete;
  // If not committed: removes the temp file if it exists (never throws).
  ~AtomicOutput();

  const std::string& final_path() const { return final_path_; }
  const std::string& temp_path() const { return temp_path_; }
  bool committed() const { return committed_; }

  // The temp file must be complete and closed. fsyncs it, renames it onto the final path
  // (replacing any file there) and fsyncs the directory. Throws OutputError on failure (the temp
  // file is then still removed by the destructor) or when called twice.
  void commit();

 private:
  std::string final_path_;
  std::string temp_path_;
  bool committed_ = false;
  bool owns_temp_ = true;  // false once moved from
};

// Throws OutputError unless `directory` exists, is a directory and a file can be created in it
// (checked by creating and removing a probe file). Lets a command fail before a long run.
void require_writable_directory(const std::string& directory);
// The same for the directory that will hold `file_path` ("." when it names no directory).
void require_writable_parent_directory(const std::string& file_path);

}  // namespace hubsim::io
