#include "io/atomic_output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <random>
#include <system_error>
#include <utility>
#include <vector>

#include "core/errors.h"

namespace hubsim::io {
namespace {

std::string errno_text(int error) {
  return std::system_category().message(error);
}

std::string random_hex() {
  std::random_device device;
  const uint64_t value = (uint64_t{device()} << 32) ^ device();
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

std::string directory_of(const std::string& file_path) {
  std::string parent = std::filesystem::path(file_path).parent_path().string();
  return parent.empty() ? "." : parent;
}

// fsync a file or directory by path; returns 0 or an errno value.
int sync_path(const std::string& path, int extra_flags) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | extra_flags);
  if (fd < 0) return errno;
  int error = ::fsync(fd) == 0 ? 0 : errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  return error;
}

}  // namespace

AtomicOutput::AtomicOutput(std::string final_path)
    : final_path_(std::move(final_path)),
      temp_path_(final_path_ + ".tmp-" + std::to_string(::getpid()) + "-" + random_hex()) {}

AtomicOutput::AtomicOutput(AtomicOutput&& other) noexcept
    : final_path_(std::move(other.final_path_)),
      temp_path_(std::move(other.temp_path_)),
      committed_(other.committed_),
      owns_temp_(std::exchange(other.owns_temp_, false)) {}

AtomicOutput::~AtomicOutput() {
  if (owns_temp_ && !committed_) ::unlink(temp_path_.c_str());  // ENOENT is fine
}

void AtomicOutput::commit() {
  const std::string what = "cannot commit output '" + final_path_ + "'";
  if (!owns_temp_) throw OutputError(what + ": this AtomicOutput was moved from");
  if (committed_) throw OutputError(what + ": already committed");
  // Data first, then the name: otherwise a crash after the rename could leave a file whose
  // blocks never reached the disk under the final name.
  if (int error = sync_path(temp_path_, 0); error != 0) {
    throw OutputError(what + ": cannot fsync temporary file '" + temp_path_ +
                      "': " + errno_text(error));
  }
  if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    throw OutputError(what + ": cannot rename '" + temp_path_ + "' onto it: " + errno_text(errno));
  }
  committed_ = true;
  // The rename is durable only once the directory entry is on disk.
  const std::string directory = directory_of(final_path_);
  if (int error = sync_path(directory, O_DIRECTORY); error != 0 && error != EINVAL) {
    throw OutputError(what + ": renamed, but cannot fsync directory '" + directory +
                      "': " + errno_text(error));
  }
}

void require_writable_directory(const std::string& directory) {
  const std::string dir = directory.empty() ? "." : directory;
  std::error_code ec;
  const auto status = std::filesystem::status(dir, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    throw OutputError("output directory '" + dir + "' cannot be inspected: " + ec.message());
  }
  if (!std::filesystem::exists(status)) {
    throw OutputError("output directory '" + dir + "' does not exist");
  }
  if (!std::filesystem::is_directory(status)) {
    throw OutputError("output directory '" + dir + "' is not a directory");
  }
  // Permission bits do not tell the whole story (root, read-only mounts, ACLs): try it.
  std::string probe = (std::filesystem::path(dir) / ".hubsim-write-probe-XXXXXX").string();
  std::vector<char> name(probe.begin(), probe.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) {
    throw OutputError("output directory '" + dir + "' is not writable: " + errno_text(errno));
  }
  ::close(fd);
  ::unlink(name.data());
}

void require_writable_parent_directory(const std::string& file_path) {
  require_writable_directory(directory_of(file_path));
}

}  // namespace hubsim::io
