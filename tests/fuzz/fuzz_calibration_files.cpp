// libFuzzer target: the calibration target loader and the free-parameter loader, both given the
// same bytes (their formats share the TOML layer and the table reader, and the seed corpus holds
// files of both kinds).
#include <cstddef>
#include <cstdint>
#include <string>

#include "calibration/free_parameters.h"
#include "calibration/targets.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  hubsim::fuzz::expect_only_input_errors(
      "load_targets_text", [&] { hubsim::calibration::load_targets_text(text, "fuzz.toml"); });
  hubsim::fuzz::expect_only_input_errors("load_free_parameters_text", [&] {
    hubsim::calibration::load_free_parameters_text(text, "fuzz.toml");
  });
  return 0;
}
