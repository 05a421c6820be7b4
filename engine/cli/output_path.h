#pragma once
// The checks every command makes on an output path before it does any work, so that a bad path
// costs nothing and overwrites nothing: the directory exists and is writable, the path is not a
// directory, and it is none of the command's input files.
#include <string>
#include <vector>

namespace hubsim::cli {

// Throws InputError("command line", option, out, what is wrong).
void check_output_path(const std::string& option, const std::string& out,
                       const std::vector<std::string>& inputs);

}  // namespace hubsim::cli
