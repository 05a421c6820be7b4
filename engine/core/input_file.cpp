#include "core/input_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/errors.h"

namespace hubsim {

namespace {

[[noreturn]] void reject(const std::string& path, const FileReference* from,
                         const std::string& problem) {
  if (from) throw InputError(from->file, from->key, from->value, problem, from->line);
  throw InputError(path, "", "", problem);
}

}  // namespace

std::string read_input_file(const std::string& path, const std::string& what,
                            const FileReference* from) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) reject(path, from, "the " + what + " does not exist");
  if (fs::is_directory(status)) reject(path, from, "is a directory, not a " + what);
  if (!fs::is_regular_file(status))
    reject(
        path, from,
        "is not a regular file (a device, pipe or socket): a " + what + " must be a regular file");
  const std::uintmax_t size = fs::file_size(path, ec);
  const std::string limit =
      "a " + what + " of at most " + std::to_string(kMaxInputFileBytes >> 20) + " MiB";
  if (!ec && size > kMaxInputFileBytes)
    reject(path, from, "is " + std::to_string(size) + " bytes; " + limit);
  std::ifstream in(path, std::ios::binary);
  if (!in) reject(path, from, "cannot be read: " + std::string(std::strerror(errno)));
  // Bounded read: the file may have grown since its size was taken.
  std::string text;
  if (!ec) text.reserve(size_t(size));
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, size_t(in.gcount()));
    if (text.size() > kMaxInputFileBytes) reject(path, from, "grew while being read; " + limit);
  }
  if (in.bad()) reject(path, from, "cannot be read: " + std::string(std::strerror(errno)));
  return text;
}

}  // namespace hubsim
