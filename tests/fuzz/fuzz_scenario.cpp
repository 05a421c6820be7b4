// libFuzzer target: the scenario loader (load_scenario_text), with `extends` resolved against
// scenarios/ so that mutations of the shipped files still find the baseline.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "scenario/scenario_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  hubsim::fuzz::expect_only_input_errors("load_scenario_text", [&] {
    hubsim::load_scenario_text(text, "fuzz.toml", HUBSIM_SOURCE_DIR "/scenarios");
  });
  return 0;
}
