#include "daemon/calibration/self_test.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "units/quantity_text.hpp"

namespace calibration {
namespace {

using units::mm_text;

// A step from `from` toward the middle of `range`, so that the move stays inside it.
units::Millimetres toward_middle(units::Millimetres from, units::Millimetres step,
                                 const safety::AxisRange& range) {
  return from <= range.middle() ? from + step : from - step;
}

}  // namespace

void SelfTestReport::set(std::vector<AxisCheck> checks, bool finished) {
  const std::lock_guard lock(mutex_);
  checks_ = std::move(checks);
  finished_ = finished;
}

std::vector<AxisCheck> SelfTestReport::checks() const {
  const std::lock_guard lock(mutex_);
  return checks_;
}

bool SelfTestReport::finished() const {
  const std::lock_guard lock(mutex_);
  return finished_;
}

SelfTest::SelfTest(SelfTestSpec spec, safety::Calibration calibration,
                   std::shared_ptr<SelfTestReport> report)
    : spec_(spec), calibration_(std::move(calibration)), report_(std::move(report)) {}

void SelfTest::plan(const control::ChairMeasurement& measured) {
  rest_.travel = measured.travel;
  rest_.lateral = measured.lateral;
  rest_.travel_speed = spec_.travel_speed;
  rest_.depth = control::DepthRetracted{};

  auto travel_out = rest_;
  travel_out.travel = toward_middle(measured.travel, spec_.travel_step, calibration_.travel);
  auto width_out = rest_;
  width_out.lateral =
      toward_middle(measured.lateral * 2.0, spec_.width_step, calibration_.width) / 2.0;
  auto depth_out = rest_;
  depth_out.depth = control::DepthPosition{calibration_.depth.min + spec_.depth_out};
  auto knead_on = rest_;
  knead_on.knead = spec_.knead_speed;
  auto tap_on = rest_;
  tap_on.tap = spec_.tap_speed;

  checks_.clear();
  for (const auto axis : {hal::AxisKind::travel, hal::AxisKind::width, hal::AxisKind::depth,
                          hal::AxisKind::knead, hal::AxisKind::tap}) {
    AxisCheck check;
    check.axis = axis;
    checks_.push_back(check);
  }
  legs_ = {
      {{travel_out, "travel at " + mm_text(travel_out.travel)},
       {rest_, "travel back at " + mm_text(rest_.travel)}},
      {{width_out, "width at " + mm_text(width_out.lateral * 2.0)},
       {rest_, "width back at " + mm_text(rest_.lateral * 2.0)}},
      {{depth_out, "depth at " + mm_text(calibration_.depth.min + spec_.depth_out)},
       {rest_, "depth retracted"}},
      {{knead_on,
        "kneading at " + std::to_string(static_cast<int>(spec_.knead_speed.value())) + " rpm"},
       {rest_, "kneading stopped"}},
      {{tap_on, "tapping at " + std::to_string(static_cast<int>(spec_.tap_speed.value())) + " rpm"},
       {rest_, "tapping stopped"}}};
}

bool SelfTest::speed_reached(units::Rpm measured, units::Rpm wanted, units::Rpm nominal) const {
  // Stopped means all but still: the chair's next command (parking) tells it 0 rpm outright.
  const double tolerance =
      wanted == units::Rpm(0.0) ? 1.0 : std::max(nominal.value() * spec_.speed_tolerance, 1.0);
  return std::abs(measured.value() - wanted.value()) <= tolerance;
}

units::Rpm SelfTest::spin_down(units::Rpm command, units::Rpm wanted,
                               std::chrono::nanoseconds dt) const {
  if (wanted >= command) return wanted;
  const double fall = std::exp(-std::chrono::duration<double>(dt).count() /
                               std::chrono::duration<double>(spec_.spin_down_time).count());
  const auto slower = command * fall;
  return slower < spec_.spin_down_floor ? wanted : slower;
}

bool SelfTest::at_target(const control::ChairMeasurement& measured) const {
  const auto& want = legs_[check_][leg_].setpoint;
  switch (checks_[check_].axis) {
    case hal::AxisKind::travel:
      return units::abs(measured.travel - want.travel) <= spec_.tolerance;
    case hal::AxisKind::width:
      return units::abs(measured.lateral - want.lateral) * 2.0 <= spec_.tolerance;
    case hal::AxisKind::depth: {
      const auto target = std::holds_alternative<control::DepthPosition>(want.depth)
                              ? std::get<control::DepthPosition>(want.depth).position
                              : calibration_.depth.min;
      return units::abs(measured.depth - target) <= spec_.tolerance;
    }
    case hal::AxisKind::knead:
      return speed_reached(measured.knead, want.knead, spec_.knead_speed);
    case hal::AxisKind::tap:
      return speed_reached(measured.tap, want.tap, spec_.tap_speed);
  }
  return false;
}

void SelfTest::observe(const control::ChairMeasurement& measured) {
  auto& check = checks_[check_];
  const auto& sample = measured.axis(check.axis);
  if (!sample.reading) return;
  check.peak_current = std::max(check.peak_current, control::current_of(*sample.reading));
  check.hottest = std::max(check.hottest, control::temperature_of(*sample.reading));
}

void SelfTest::next_leg(std::chrono::nanoseconds run_time) {
  leg_began_ = run_time;
  spinning_since_.reset();
  if (++leg_ < legs_[check_].size()) return;
  auto& check = checks_[check_];
  check.took = run_time - check_began_;
  check.reached = check.problem.empty();
  leg_ = 0;
  check_began_ = run_time;
  if (++check_ >= checks_.size()) finished_ = true;
}

control::SetpointRequest SelfTest::next(const control::ChairMeasurement& measured,
                                        std::chrono::nanoseconds run_time) {
  if (!started_) {
    started_ = true;
    plan(measured);
    leg_began_ = run_time;
    check_began_ = run_time;
  }
  if (finished_) return {rest_, {}};
  observe(measured);
  auto& check = checks_[check_];
  check.run = true;
  const bool rotary = check.axis == hal::AxisKind::knead || check.axis == hal::AxisKind::tap;
  const bool spinning_up = rotary && leg_ == 0;
  if (at_target(measured)) {
    // A motor must hold its speed for a while, not just pass through it.
    if (!spinning_up) {
      next_leg(run_time);
    } else if (!spinning_since_) {
      spinning_since_ = run_time;
    } else if (run_time - *spinning_since_ >= spec_.spin_for) {
      next_leg(run_time);
    }
  } else if (spinning_up && spinning_since_) {
    check.problem =
        std::string(check.axis == hal::AxisKind::knead ? "the kneading" : "the tapping") +
        " motor did not hold " + legs_[check_][leg_].target;
    next_leg(run_time);
  } else if (run_time - leg_began_ > spec_.patience) {
    char seconds[16];
    std::snprintf(seconds, sizeof seconds, "%.1f",
                  std::chrono::duration<double>(spec_.patience).count());
    check.problem = "did not reach " + legs_[check_][leg_].target + " within " + seconds + " s";
    next_leg(run_time);
  }
  report_->set(checks_, finished_);
  const auto dt = run_time - last_run_time_;
  last_run_time_ = run_time;
  auto setpoint = finished_ ? rest_ : legs_[check_][leg_].setpoint;
  knead_command_ = spin_down(knead_command_, setpoint.knead, dt);
  tap_command_ = spin_down(tap_command_, setpoint.tap, dt);
  setpoint.knead = knead_command_;
  setpoint.tap = tap_command_;
  return {setpoint, {}};
}

}  // namespace calibration
