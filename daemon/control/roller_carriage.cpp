#include "daemon/control/roller_carriage.hpp"

#include <algorithm>

namespace control {
namespace {

using hal::AxisKind;

// The eccentrics spin up gently; kneading is felt, a tapping motor must reach its beat quickly.
constexpr units::RpmPerSecond kKneadAcceleration{120.0};
constexpr units::RpmPerSecond kTapAcceleration{1200.0};
// The drives read 0 as "your own default"; the smallest real limit is one count.
constexpr units::MillimetresPerSecond kSlowest{1.0};
constexpr units::Newtons kLightestLimit{0.1};

void first_error(std::optional<hal::DriveError>& first, const hal::DriveChannel::Done& done) {
  if (!done && !first) first = done.error();
}

}  // namespace

RollerCarriage::RollerCarriage(hal::ChairDrives& drives)
    : drives_(&drives),
      travel_(drives.linear(AxisKind::travel)),
      width_(drives.linear(AxisKind::width)),
      depth_(drives.linear(AxisKind::depth)),
      knead_(drives.rotary(AxisKind::knead)),
      tap_(drives.rotary(AxisKind::tap)) {}

std::optional<hal::DriveError> RollerCarriage::apply(const safety::Decision& decision,
                                                     const safety::Calibration& calibration,
                                                     const ChairMeasurement& measured,
                                                     safety::MotionExpectations& expect) {
  const auto& s = decision.setpoint;
  const auto& m = decision.motion;
  std::optional<hal::DriveError> error;

  const auto travel_speed = std::max(s.travel_speed, kSlowest);
  first_error(error, travel_.move_to(s.travel, travel_speed, m.travel_acceleration));
  expect.expect_move(AxisKind::travel, measured.travel, s.travel, travel_speed);

  const auto width = s.lateral * 2.0;
  first_error(error, width_.move_to(width, m.width_speed, m.width_acceleration));
  expect.expect_move(AxisKind::width, measured.lateral * 2.0, width, m.width_speed);

  // The drive itself never pushes past the ceiling, whatever the mode.
  const auto raw_limit = std::max(calibration.force.raw(decision.force_limit), kLightestLimit);
  first_error(error, depth_.limit_force(raw_limit));
  const auto here = calibration.depth.clamp(measured.depth);
  if (const auto* force = std::get_if<DepthForce>(&s.depth)) {
    // The HAL sets VELOCITY_LIMIT only with a move, and force mode moves the depth axis at up
    // to that limit: a move to where the axis is sets it, and the press replaces the move in
    // the same frame.
    first_error(error, depth_.move_to(here, m.depth_speed, m.depth_acceleration));
    first_error(error, depth_.press_with(
                           std::max(calibration.force.raw(force->force), units::Newtons(0.0))));
    expect.expect_nothing(AxisKind::depth);
  } else if (const auto* position = std::get_if<DepthPosition>(&s.depth)) {
    first_error(error, depth_.move_to(position->position, m.depth_speed, m.depth_acceleration));
    expect.expect_move(AxisKind::depth, here, position->position, m.depth_speed);
  } else {
    first_error(error,
                depth_.move_to(calibration.depth.min, m.retract_speed, m.depth_acceleration));
    expect.expect_move(AxisKind::depth, here, calibration.depth.min, m.retract_speed);
  }

  first_error(error, knead_.run_at(s.knead, kKneadAcceleration));
  expect.expect_turn(AxisKind::knead, s.knead);
  first_error(error, tap_.run_at(s.tap, kTapAcceleration));
  expect.expect_turn(AxisKind::tap, s.tap);
  return error;
}

std::optional<hal::DriveError> RollerCarriage::enable(AxisKind axis) {
  const auto done =
      hal::is_rotary(axis) ? drives_->rotary(axis).enable() : drives_->linear(axis).enable();
  if (done) return std::nullopt;
  return done.error();
}

std::optional<hal::DriveError> RollerCarriage::home(AxisKind axis) {
  const auto done = drives_->linear(axis).home();
  if (done) return std::nullopt;
  return done.error();
}

std::optional<hal::DriveError> RollerCarriage::reset_fault(AxisKind axis) {
  const auto done = hal::is_rotary(axis) ? drives_->rotary(axis).reset_fault()
                                         : drives_->linear(axis).reset_fault();
  if (done) return std::nullopt;
  return done.error();
}

std::optional<hal::AxisReading> RollerCarriage::latest(AxisKind axis) const {
  if (hal::is_rotary(axis)) {
    const auto r = drives_->rotary(axis).reading();
    if (!r) return std::nullopt;
    return hal::AxisReading(*r);
  }
  const auto r = drives_->linear(axis).reading();
  if (!r) return std::nullopt;
  return hal::AxisReading(*r);
}

hal::AxisState RollerCarriage::state(AxisKind axis) const {
  return hal::is_rotary(axis) ? drives_->rotary(axis).state() : drives_->linear(axis).state();
}

bool RollerCarriage::all_active() const {
  for (const auto axis : hal::kAllAxisKinds) {
    if (state(axis) != hal::AxisState::active) return false;
  }
  return true;
}

}  // namespace control
