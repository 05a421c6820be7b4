#include "output_path.h"

#include <filesystem>

#include "core/errors.h"
#include "io/atomic_output.h"

namespace hubsim::cli {

void check_output_path(const std::string& option, const std::string& out,
                       const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  const auto reject = [&](const std::string& why) {
    throw InputError("command line", option, "\"" + out + "\"", why);
  };
  try {
    io::require_writable_parent_directory(out);
  } catch (const OutputError& e) {
    reject(e.what());
  }
  std::error_code ec;
  if (fs::is_directory(out, ec)) reject("is a directory; give a file name");
  for (const std::string& input : inputs) {
    if (!input.empty() && fs::exists(out, ec) && fs::equivalent(out, input, ec))
      reject("is an input of this command (" + input + "); choose another name");
  }
}

}  // namespace hubsim::cli
