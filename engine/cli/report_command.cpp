// `hubsim report FILE.h5 [--out FILE.html]`: checks its arguments, then runs the report generator
// (scripts/hubsim-report on Debian's /usr/bin/python3 with h5py, numpy and matplotlib). The
// generator writes the page to a temporary file that is renamed into place here, so a failed
// report leaves no output.
#include <hdf5.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "calibration/targets.h"
#include "commands.h"
#include "core/errors.h"
#include "io/atomic_output.h"

extern char** environ;

namespace hubsim::cli {

namespace {

namespace fs = std::filesystem;

// Debian's interpreter: the python3 first on PATH may be another one without h5py/matplotlib.
constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kScript = HUBSIM_SOURCE_DIR "/scripts/hubsim-report";

struct ReportArgs {
  std::string file;
  std::string out;
  std::string targets;
  bool no_targets = false;
  bool quiet = false;
};

InputError bad_argument(const std::string& key, const std::string& value, const std::string& why) {
  return InputError("command line", key, "\"" + value + "\"", why);
}

// The result file must exist, be readable and be an HDF5 file.
void check_result_file(const std::string& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) throw bad_argument("FILE", path, "no such file");
  if (fs::is_directory(status)) throw bad_argument("FILE", path, "a directory, not a result file");
  if (::access(path.c_str(), R_OK) != 0)
    throw bad_argument("FILE", path, std::string("cannot be read (") + std::strerror(errno) + ")");
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  if (H5Fis_hdf5(path.c_str()) <= 0)
    throw bad_argument("FILE", path,
                       "not an HDF5 file (expected a result written by hubsim run, compare, "
                       "calibrate or sweep)");
}

std::string default_output(const std::string& file) {
  return fs::path(file).replace_extension(".html").string();
}

void check_output(const std::string& out, const std::string& file) {
  std::error_code ec;
  if (fs::exists(out, ec) && fs::equivalent(out, file, ec))
    throw bad_argument("--out", out, "is the input file; choose another name");
  if (fs::is_directory(out, ec))
    throw bad_argument("--out", out, "is a directory; give a file name");
  try {
    io::require_writable_parent_directory(out);
  } catch (const OutputError& e) {
    throw bad_argument("--out", out, e.what());
  }
}

// Runs a program with arguments (no shell) and returns its exit status, or -signal.
int run_program(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
  if (rc != 0) throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(rc));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? -WTERMSIG(status) : -1;
}

int report(const ReportArgs& a) {
  check_result_file(a.file);
  const std::string out = a.out.empty() ? default_output(a.file) : a.out;
  check_output(out, a.file);
  if (!a.targets.empty()) {
    if (a.no_targets)
      throw bad_argument("--targets", a.targets, "cannot be combined with --no-targets");
    calibration::load_targets(a.targets);  // a clear error now rather than from the script
  }
  if (::access(kPython, X_OK) != 0 || ::access(kScript, R_OK) != 0)
    throw std::runtime_error(std::string("hubsim report needs ") + kPython + " and " + kScript +
                             " (run scripts/setup to install python3-h5py, python3-numpy, "
                             "python3-matplotlib)");

  io::AtomicOutput output(out);
  std::vector<std::string> cmd = {kPython,      kScript, a.file, "--out", output.temp_path(),
                                  "--shown-as", out};
  if (a.no_targets) cmd.push_back("--no-targets");
  if (!a.targets.empty()) cmd.insert(cmd.end(), {"--targets", a.targets});
  if (a.quiet) cmd.push_back("--quiet");
  const int status = run_program(cmd);
  if (status == 2) return 2;  // bad input: the generator has printed what is wrong
  if (status != 0)
    throw std::runtime_error("the report generator failed (" +
                             (status < 0 ? "signal " + std::to_string(-status)
                                         : "exit status " + std::to_string(status)) +
                             "); no report was written");
  output.commit();
  return 0;
}

}  // namespace

Command add_report_command(CLI::App& app) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Write a self-contained HTML report (charts and tables) of a result file");
  cmd->add_option("file", args->file, "Result file (HDF5) written by hubsim")->required();
  cmd->add_option("--out,-o", args->out, "HTML file to write (default: FILE with .html)");
  cmd->add_option("--targets", args->targets,
                  "Published values to compare with (default: calibration/targets.toml)");
  cmd->add_flag("--no-targets", args->no_targets, "Show no published values");
  cmd->add_flag("--quiet,-q", args->quiet, "Print nothing on success");
  return [args] { return report(*args); };
}

}  // namespace hubsim::cli
