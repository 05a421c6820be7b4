#include "core/calendar.h"

#include <cstdio>
#include <stdexcept>

namespace hubsim {

// Howard Hinnant's civil-date algorithms (public domain), exact for the proleptic Gregorian
// calendar.
int64_t days_from_civil(const Date& d) {
  int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (d.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = int(doy - (153 * mp + 2) / 5 + 1);
  const int m = int(mp < 10 ? mp + 3 : mp - 9);
  return Date{int(y + (m <= 2 ? 1 : 0)), m, d};
}

bool is_valid_date(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max_day;
}

std::string format_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

double decimal_year(int64_t days) {
  const Date d = civil_from_days(days);
  const int64_t y0 = days_from_civil({d.year, 1, 1});
  const int64_t y1 = days_from_civil({d.year + 1, 1, 1});
  return d.year + double(days - y0) / double(y1 - y0);
}

Calendar::Calendar(Date start, Date end, int step_days)
    : start_(start), end_(end), start_day_(days_from_civil(start)), step_days_(step_days) {
  if (step_days < 1) throw std::invalid_argument("Calendar: step_days must be >= 1");
  const int64_t end_day = days_from_civil(end);
  if (end_day < start_day_) throw std::invalid_argument("Calendar: end before start");
  // The last step is the one that contains the end date.
  n_steps_ = int((end_day - start_day_) / step_days_) + 1;
  year_of_step_.resize(size_t(n_steps_));
  for (int s = 0; s < n_steps_; ++s)
    year_of_step_[size_t(s)] = civil_from_days(step_mid_day(s)).year;
}

int Calendar::month_of_step(int step) const {
  return civil_from_days(step_mid_day(step)).month;
}

int Calendar::step_of_day(int64_t day) const {
  if (day <= start_day_) return 0;
  const int64_t s = (day - start_day_ + step_days_ - 1) / step_days_;
  return s >= n_steps_ ? n_steps_ : int(s);
}

bool Calendar::covers_full_year(int year) const {
  if (year < first_year() || year > last_year()) return false;
  // Full when the window starts by the first step of the year and ends in its last step.
  const int64_t y0 = days_from_civil({year, 1, 1});
  const int64_t y1 = days_from_civil({year + 1, 1, 1});
  return start_day_ <= y0 + step_days_ / 2 && days_from_civil(end_) >= y1 - 1 - step_days_ / 2;
}

}  // namespace hubsim
