#pragma once
// CLI11 2.1 reads whole numbers with strtoll in base 0: "010" is octal 8, "0x10" is 16, and a
// number beyond 64 bits silently becomes the largest one (a --seed of 99999999999999999999 would
// run seed 9223372036854775807). Whole-number options must be plain decimal and fit in 64 bits.
#include <CLI/CLI.hpp>

namespace hubsim::cli {

// Adds that check to every whole-number option of `app` and of its subcommands (call it once
// every command is registered). A violation is a CLI11 parse error (exit code 2) naming the
// option and the value.
void require_decimal_integers(CLI::App& app);

}  // namespace hubsim::cli
