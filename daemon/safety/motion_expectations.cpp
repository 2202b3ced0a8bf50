#include "daemon/safety/motion_expectations.hpp"

#include <algorithm>
#include <cmath>

#include "units/quantity_text.hpp"

namespace safety {
namespace {

// A linear axis is settled within this of its target; it is "not moving" below kStill.
constexpr double kSettled = 1.0;        // mm
constexpr double kFarFromTarget = 2.0;  // mm: farther than this, it should be moving
constexpr double kStill = 0.5;          // mm/s or rpm
constexpr double kMinTurn = 2.0;        // rpm: slower commands are not checked for turning
// A drive's speed may overshoot its limit by this share, plus kSpeedSlack, before it counts.
constexpr double kSpeedShare = 1.25;
constexpr double kSpeedSlack = 5.0;  // mm/s or rpm
// An eccentric told to slow is down to its new speed within this, or it does not obey: at the
// accelerations the controller asks of their drives (RollerCarriage: 120 rpm/s for kneading at
// up to 60 rpm, 1200 rpm/s for tapping at up to 600 rpm) either runs down in half a second.
constexpr std::chrono::milliseconds kSlowingTime{2000};

Fault following_error(hal::AxisKind axis, const control::AxisSample& sample, std::string detail) {
  Fault f;
  f.kind = FaultKind::following_error;
  f.axis = axis;
  f.bus = sample.bus;
  f.unit = sample.unit;
  f.detail = std::move(detail);
  return f;
}

}  // namespace

void MotionExpectations::expect_move(hal::AxisKind axis, units::Millimetres from,
                                     units::Millimetres target, units::MillimetresPerSecond speed) {
  auto& e = axes_[static_cast<std::size_t>(axis)];
  const double to = target.value();
  if (e.kind != Expectation::Kind::move) {
    e = Expectation{};
    e.kind = Expectation::Kind::move;
    e.low = std::min(from.value(), to);
    e.high = std::max(from.value(), to);
    e.speed = std::abs(speed.value());
  } else {
    // Where the axis is now is not added: an axis running away would widen its own span.
    e.low = std::min(e.low, to);
    e.high = std::max(e.high, to);
    e.speed = std::max(e.speed, std::abs(speed.value()));
  }
  e.target = to;
}

void MotionExpectations::expect_turn(hal::AxisKind axis, units::Rpm speed) {
  auto& e = axes_[static_cast<std::size_t>(axis)];
  if (e.kind != Expectation::Kind::turn || e.target != speed.value()) {
    // Told to slow (a stop, a pause, a session let go), an eccentric runs down its drive's
    // deceleration ramp: until it is down to the new speed, the speed it was told before stays
    // its ceiling, for at most kSlowingTime.
    const double before =
        e.kind == Expectation::Kind::turn ? std::max(std::abs(e.target), e.speed) : 0.0;
    e = Expectation{};
    e.kind = Expectation::Kind::turn;
    e.target = speed.value();
    if (before > std::abs(e.target)) e.speed = before;
  }
}

void MotionExpectations::expect_nothing(hal::AxisKind axis) {
  axes_[static_cast<std::size_t>(axis)] = Expectation{};
}

void MotionExpectations::clear() {
  for (auto& e : axes_) e = Expectation{};
}

std::optional<Fault> MotionExpectations::check(const control::ChairMeasurement& measured,
                                               const SafetyLimits& limits, time_point now) {
  for (const auto axis : hal::kAllAxisKinds) {
    auto& e = axes_[static_cast<std::size_t>(axis)];
    const auto& sample = measured.axis(axis);
    if (!sample.fresh()) continue;  // the communication-loss watch covers that
    std::optional<Fault> fault;
    if (e.kind == Expectation::Kind::move) fault = check_move(axis, e, sample, limits, now);
    if (e.kind == Expectation::Kind::turn) fault = check_turn(axis, e, sample, limits, now);
    if (fault) return fault;
  }
  return std::nullopt;
}

std::optional<Fault> MotionExpectations::check_move(hal::AxisKind axis, Expectation& e,
                                                    const control::AxisSample& sample,
                                                    const SafetyLimits& limits, time_point now) {
  const auto* reading = std::get_if<hal::LinearReading>(&*sample.reading);
  if (reading == nullptr) return std::nullopt;
  const double position = reading->position.value();
  const double velocity = reading->velocity.value();
  const double tolerance = limits.following_error.value();
  const std::string name(hal::to_string(axis));
  if (position < e.low - tolerance || position > e.high + tolerance) {
    return following_error(axis, sample,
                           "the " + name + " axis is at " + units::decimal_text(position) +
                               " mm, more than " + units::decimal_text(tolerance) +
                               " mm outside its commanded motion " + units::decimal_text(e.low) +
                               ".." + units::decimal_text(e.high) +
                               " mm; check the mechanism and the drive's position sensor");
  }
  if (std::abs(velocity) > e.speed * kSpeedShare + kSpeedSlack) {
    return following_error(axis, sample,
                           "the " + name + " axis moves at " + units::decimal_text(velocity) +
                               " mm/s, faster than the " + units::decimal_text(e.speed) +
                               " mm/s it was allowed; check the drive's settings");
  }
  const double distance = std::abs(e.target - position);
  if (distance <= kSettled && std::abs(velocity) < kStill) {
    e.low = e.high = e.target;  // settled: a new move opens a new span
    e.speed = 0.0;
  }
  const bool held_back = reading->flags.force_limited;
  if (distance > kFarFromTarget && std::abs(velocity) < kStill && !held_back) {
    if (!e.still_since) e.still_since = now;
    if (now - *e.still_since >= limits.stuck_time) {
      return following_error(
          axis, sample,
          "the " + name + " axis has not moved for " +
              std::to_string(
                  std::chrono::duration_cast<std::chrono::milliseconds>(now - *e.still_since)
                      .count()) +
              " ms though commanded to " + units::decimal_text(e.target) + " mm (it is at " +
              units::decimal_text(position) + " mm); check for something blocking it");
    }
  } else {
    e.still_since.reset();
  }
  return std::nullopt;
}

std::optional<Fault> MotionExpectations::check_turn(hal::AxisKind axis, Expectation& e,
                                                    const control::AxisSample& sample,
                                                    const SafetyLimits& limits, time_point now) {
  const auto* reading = std::get_if<hal::RotaryReading>(&*sample.reading);
  if (reading == nullptr) return std::nullopt;
  const double speed = reading->velocity.value();
  const std::string name(hal::to_string(axis));
  const auto allowed = [](double told) { return std::abs(told) * kSpeedShare + kSpeedSlack; };
  if (e.speed > 0.0 && std::abs(speed) <= allowed(e.target)) {
    e.speed = 0.0;  // down to the new speed: the ceiling falls to it
    e.slowing_since.reset();
  }
  const double ceiling = std::max(std::abs(e.target), e.speed);
  if (std::abs(speed) > allowed(ceiling)) {
    return following_error(axis, sample,
                           "the " + name + " eccentric turns at " + units::decimal_text(speed) +
                               " rpm, faster than the " + units::decimal_text(ceiling) +
                               " rpm it was told; check the drive's settings");
  }
  if (e.speed > 0.0) {
    if (!e.slowing_since) e.slowing_since = now;
    if (now - *e.slowing_since >= kSlowingTime) {
      return following_error(
          axis, sample,
          "the " + name + " eccentric still turns at " + units::decimal_text(speed) + " rpm, " +
              std::to_string(kSlowingTime.count()) + " ms after it was told to turn at " +
              units::decimal_text(e.target) + " rpm; check the drive's deceleration and brake");
    }
  }
  if (std::abs(e.target) >= kMinTurn && std::abs(speed) < kStill) {
    if (!e.still_since) e.still_since = now;
    if (now - *e.still_since >= limits.stuck_time) {
      return following_error(axis, sample,
                             "the " + name + " eccentric does not turn though told to turn at " +
                                 units::decimal_text(e.target) +
                                 " rpm; check for something blocking it");
    }
  } else {
    e.still_since.reset();
  }
  return std::nullopt;
}

}  // namespace safety
