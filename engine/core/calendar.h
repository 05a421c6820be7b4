#pragma once
// Calendar arithmetic: civil dates <-> days since 1970-01-01, and the mapping of simulation
// steps onto the real calendar (a step covers [start + s*step_days, start + (s+1)*step_days)).
#include <cstdint>
#include <string>
#include <vector>

namespace hubsim {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  auto operator<=>(const Date&) const = default;
};

// Days since 1970-01-01 (proleptic Gregorian), negative before.
int64_t days_from_civil(const Date& d);
Date civil_from_days(int64_t days);
bool is_valid_date(int year, int month, int day);
std::string format_date(const Date& d);  // YYYY-MM-DD
// Decimal year of a day: 2025-01-01 -> 2025.0, 2025-07-02 -> ~2025.5.
double decimal_year(int64_t days);

class Calendar {
 public:
  Calendar(Date start, Date end, int step_days);

  int n_steps() const { return n_steps_; }
  int step_days() const { return step_days_; }
  int64_t step_start_day(int step) const { return start_day_ + int64_t(step) * step_days_; }
  int64_t step_mid_day(int step) const { return step_start_day(step) + step_days_ / 2; }
  // A step belongs to the calendar year (and month) that contains its midpoint.
  int year_of_step(int step) const { return year_of_step_[size_t(step)]; }
  int month_of_step(int step) const;  // 1..12
  double years_since_start(int step) const {
    return double(step_mid_day(step) - start_day_) / 365.25;
  }
  double weeks_per_step() const { return step_days_ / 7.0; }
  double steps_per_year() const { return 365.25 / step_days_; }
  // First step on or after a day; n_steps() when the day lies after the window.
  int step_of_day(int64_t day) const;
  bool is_last_step_of_year(int step) const {
    return step + 1 == n_steps_ || year_of_step(step + 1) != year_of_step(step);
  }
  int first_year() const { return year_of_step_.front(); }
  int last_year() const { return year_of_step_.back(); }
  // Whether every step whose midpoint lies in `year` is inside the window.
  bool covers_full_year(int year) const;
  const Date& start() const { return start_; }
  const Date& end() const { return end_; }

 private:
  Date start_, end_;
  int64_t start_day_;
  int step_days_;
  int n_steps_;
  std::vector<int> year_of_step_;
};

}  // namespace hubsim
