// libFuzzer target: the sweep-file loader (load_sweep_text), with relative paths (the base
// scenario, a design table) resolved against scenarios/sweeps/ like the shipped sweep files.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "sweep/sweep_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  hubsim::fuzz::expect_only_input_errors("load_sweep_text", [&] {
    hubsim::sweep::load_sweep_text(text, "fuzz.toml", HUBSIM_SOURCE_DIR "/scenarios/sweeps");
  });
  return 0;
}
