#pragma once
// What every fuzz target checks: a loader given any bytes either accepts them or throws
// hubsim::InputError. Any other exception (std::out_of_range, a filesystem error, bad_alloc...)
// means some input escaped validation: it is reported and the process aborts, which libFuzzer
// (and the replay driver) record as a crash. Memory errors and undefined behaviour are caught by
// AddressSanitizer and UndefinedBehaviorSanitizer in the fuzz and sanitizer builds.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "core/errors.h"

namespace hubsim::fuzz {

template <class Load>
void expect_only_input_errors(const char* loader, Load&& load) {
  try {
    load();
  } catch (const InputError&) {
    // The expected answer to bad input.
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s threw %s instead of InputError\n", loader, e.what());
    std::abort();
  }
}

}  // namespace hubsim::fuzz
