#pragma once
// What every mechanism needs to know about the current step, read-only.
#include "core/calendar.h"
#include "core/counter_rng.h"
#include "scenario/scenario.h"

namespace hubsim {

struct Context {
  const Scenario& scenario;
  const Parameters& params;
  const Calendar& calendar;
  StreamKey key;
  double scale = 1.0;  // simulated share of the full population
  int step = 0;

  double years() const { return calendar.years_since_start(step); }
  double steps_per_year() const { return calendar.steps_per_year(); }
  // A yearly rate expressed per step.
  double per_step(double per_year) const { return per_year / calendar.steps_per_year(); }
  // A probability per year expressed as the probability per step.
  double probability_per_step(double per_year) const;
  Stream stream(Purpose purpose, uint32_t entity) const {
    return Stream(key, purpose, entity, uint32_t(step + kStepOffset));
  }
  // Steps may be negative during set-up (initial history): offset keeps counters distinct.
  static constexpr int kStepOffset = 1 << 20;
};

}  // namespace hubsim
