#include "integer_options.h"

#include <charconv>
#include <cstdint>
#include <string>

namespace hubsim::cli {

namespace {

// Accepts a decimal whole number that fits in 64 bits (signed or not) and rewrites it without a
// '+' and without leading zeros (which CLI11 would read as octal); otherwise says what is wrong.
std::string to_plain_decimal(std::string& text, bool is_signed) {
  const std::string shown = text;
  std::string digits = text;
  const bool negative = !digits.empty() && digits.front() == '-';
  if (!digits.empty() && (digits.front() == '+' || negative)) digits.erase(0, 1);
  bool ok = !digits.empty();
  for (const char c : digits) ok = ok && c >= '0' && c <= '9';
  const size_t nonzero = digits.find_first_not_of('0');
  digits = nonzero == std::string::npos ? "0" : digits.substr(nonzero);
  if (ok) {
    uint64_t magnitude = 0;
    const auto [end, err] =
        std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
    ok = err == std::errc() && end == digits.data() + digits.size() &&
         magnitude <= (!is_signed ? UINT64_MAX
                       : negative ? uint64_t{1} << 63
                                  : INT64_MAX);
  }
  if (!ok) return "'" + shown + "' is not a decimal whole number of at most 64 bits";
  text = (negative && digits != "0" ? "-" : "") + digits;
  return "";
}

void add_checks(CLI::App& app) {
  for (CLI::Option* option : app.get_options()) {
    const std::string type = option->get_type_name();
    if (type != "INT" && type != "UINT") continue;
    const bool is_signed = type == "INT";
    option->check(
        CLI::Validator([is_signed](std::string& text) { return to_plain_decimal(text, is_signed); },
                       "", "decimal"));
  }
  for (CLI::App* sub : app.get_subcommands({})) add_checks(*sub);
}

}  // namespace

void require_decimal_integers(CLI::App& app) {
  add_checks(app);
}

}  // namespace hubsim::cli
