#include <catch2/catch.hpp>

#include "core/calendar.h"

using namespace hubsim;

TEST_CASE("civil dates round-trip through day numbers", "[calendar]") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2000, 3, 1}) == 11017);
  for (int64_t d = -800000; d < 800000; d += 997) CHECK(days_from_civil(civil_from_days(d)) == d);
  CHECK(civil_from_days(days_from_civil({2024, 2, 29})) == Date{2024, 2, 29});
}

TEST_CASE("date validity follows the Gregorian calendar", "[calendar]") {
  CHECK(is_valid_date(2024, 2, 29));
  CHECK_FALSE(is_valid_date(2025, 2, 29));
  CHECK_FALSE(is_valid_date(1900, 2, 29));
  CHECK(is_valid_date(2000, 2, 29));
  CHECK_FALSE(is_valid_date(2025, 13, 1));
  CHECK_FALSE(is_valid_date(2025, 4, 31));
}

TEST_CASE("steps map onto the calendar by their midpoint", "[calendar]") {
  const Calendar cal({2020, 6, 1}, {2026, 3, 31}, 7);
  CHECK(cal.n_steps() == 305);
  CHECK(cal.first_year() == 2020);
  CHECK(cal.last_year() == 2026);
  CHECK(cal.step_start_day(0) == days_from_civil({2020, 6, 1}));
  CHECK(cal.weeks_per_step() == 1.0);
  // Years change exactly where the step midpoint crosses 1 January.
  for (int s = 0; s + 1 < cal.n_steps(); ++s) {
    const Date mid = civil_from_days(cal.step_mid_day(s));
    CHECK(cal.year_of_step(s) == mid.year);
    CHECK(cal.is_last_step_of_year(s) ==
          (civil_from_days(cal.step_mid_day(s + 1)).year != mid.year));
  }
  CHECK(cal.covers_full_year(2021));
  CHECK(cal.covers_full_year(2025));
  CHECK_FALSE(cal.covers_full_year(2020));
  CHECK_FALSE(cal.covers_full_year(2026));
  CHECK(cal.step_of_day(cal.step_start_day(10)) == 10);
  CHECK(cal.step_of_day(cal.step_start_day(10) + 1) == 11);
}

TEST_CASE("decimal years", "[calendar]") {
  CHECK(decimal_year(days_from_civil({2025, 1, 1})) == Approx(2025.0));
  CHECK(decimal_year(days_from_civil({2025, 7, 2})) == Approx(2025.4986).epsilon(1e-3));
}
