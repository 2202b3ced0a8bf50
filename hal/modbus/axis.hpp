#pragma once

#include <chrono>
#include <concepts>
#include <optional>
#include <string>
#include <variant>

#include "modbus/axis_reading.hpp"
#include "modbus/axis_state.hpp"
#include "modbus/drive_channel.hpp"
#include "units/units.hpp"

// An axis of the chair in its own units: linear axes (travel, width, depth) in millimetres,
// rotary ones (knead, tap) in degrees and rpm. A handle: cheap to copy, valid as long as the
// ChairDrives (or DriveBus) that gave it out.
namespace hal {

template <class Motion>
class Axis {
 public:
  using Position = typename Motion::Position;
  using Velocity = typename Motion::Velocity;
  using Acceleration = typename Motion::Acceleration;
  using Done = DriveChannel::Done;

  explicit Axis(DriveChannel& channel) : channel_(&channel) {}

  [[nodiscard]] AxisKind kind() const { return channel_->kind(); }
  [[nodiscard]] int unit() const { return channel_->unit(); }
  [[nodiscard]] const std::string& bus() const { return channel_->bus(); }
  [[nodiscard]] AxisState state() const { return channel_->state(); }
  [[nodiscard]] std::optional<DriveIdentity> identity() const { return channel_->identity(); }

  Done enable() { return channel_->enable(); }
  Done disable() { return channel_->disable(); }
  Done home() { return channel_->home(); }
  // A trapezoidal move planned by the drive, within `speed` and `acceleration`.
  Done move_to(Position target, Velocity speed, Acceleration acceleration) {
    return channel_->move_to(target.value(), speed.value(), acceleration.value());
  }
  Done run_at(Velocity velocity, Acceleration acceleration) {
    return channel_->run_at(velocity.value(), acceleration.value());
  }
  // The depth axis only (refused on the others): hold a contact force, or cap it.
  Done press_with(units::Newtons force) requires std::same_as<Motion, LinearMotion> {
    return channel_->press_with(force.value());
  }
  Done limit_force(units::Newtons force) requires std::same_as<Motion, LinearMotion> {
    return channel_->limit_force(force.value());
  }
  Done halt() { return channel_->halt(); }
  Done reset_fault() { return channel_->reset_fault(); }
  // Any thread, never refused; reaches the drive before the bus's next regular transaction.
  void quick_stop() { channel_->quick_stop(); }

  // The latest status, aged now; none before the first read.
  [[nodiscard]] std::optional<Reading<Motion>> reading() const {
    const auto raw = channel_->reading();
    if (!raw) return std::nullopt;
    return typed_reading<Motion>(*raw, channel_->clock().now());
  }
  [[nodiscard]] TransactionStatistics statistics() const {
    return channel_->statistics().snapshot();
  }

 private:
  DriveChannel* channel_;
};

using LinearAxis = Axis<LinearMotion>;
using RotaryAxis = Axis<RotaryMotion>;

}  // namespace hal
