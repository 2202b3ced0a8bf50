#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "modbus/rising_edge.hpp"
#include "profile/axis_kind.hpp"
#include "profile/drive_codec.hpp"

// What the HAL wants one drive to do, in register counts, and the frame it sends for it each
// cycle. Pure logic with no bus: the rising edges of HOME and FAULT_RESET, a HEARTBEAT that
// changes every frame, limits written only when they change, a latched quick stop, and the
// re-synchronisation to the measured position whenever the drive dropped out, so that nothing
// ever jumps to a stale target.
namespace hal {

enum class Limit { velocity, acceleration, force };
inline constexpr std::array<Limit, 3> kAllLimits = {Limit::velocity, Limit::acceleration,
                                                    Limit::force};

// One cycle's command block.
struct CycleFrame {
  ControlWord control;
  std::int64_t setpoint = 0;  // counts, in the unit of control.mode
  std::uint16_t heartbeat = 0;
  RisingEdge::Sent home;
  RisingEdge::Sent fault_reset;
};

// The limit registers (VELOCITY_LIMIT, ACCEL_LIMIT, FORCE_LIMIT, in Limit order) as they should
// be on the drive, and which of them it lacks.
struct LimitFrame {
  // The wanted value where the drive lacks it, else the drive's value if known.
  std::array<std::optional<std::int64_t>, 3> values;
  std::array<bool, 3> changed{};

  [[nodiscard]] bool any_changed() const { return changed[0] || changed[1] || changed[2]; }
  [[nodiscard]] bool all_known() const {
    return values[0].has_value() && values[1].has_value() && values[2].has_value();
  }
};

class AxisCommand {
 public:
  explicit AxisCommand(AxisKind kind) : kind_(kind) {}

  // Intent. Positions, velocities and forces are counts of the drive's registers.
  // Holds still where the drive is: position mode at `measured_position` for linear axes,
  // velocity zero for rotary ones (whose phase needs no holding). Keeps ENABLE as it is.
  void hold_still(std::int64_t measured_position);
  void enable(std::int64_t measured_position);
  void disable(std::int64_t measured_position);
  void home();
  void move_to(std::int64_t position, std::int64_t speed_limit, std::int64_t accel_limit);
  void run_at(std::int64_t velocity, std::int64_t accel_limit);
  void press_with(std::int64_t force);
  void limit_force(std::int64_t force);
  void halt() { halt_ = true; }
  void reset_fault() { fault_reset_.request(); }
  void latch_quick_stop() { quick_stop_ = true; }

  [[nodiscard]] bool enabled() const { return enable_; }
  [[nodiscard]] bool quick_stop_latched() const { return quick_stop_; }
  // From home() until the drive reports the reference set (or drops out).
  [[nodiscard]] bool homing() const { return homing_; }

  // What the drive reports about homing. While it homes, the axis holds in velocity mode at
  // zero speed: a position setpoint would be in the frame of the old reference, which homing
  // is about to replace (and outside the soft limits on the way). Once the drive has been seen
  // homing and reports HOMED again, the axis holds in position mode where homing left it.
  void observe_homing(bool drive_homing, bool drive_homed, std::int64_t measured_position);

  // The drive stopped itself (an alarm) or restarted: drop ENABLE and hold where it is, so that
  // nothing moves again until the controller says so.
  void drive_dropped_out(std::int64_t measured_position);
  // The drive's registers are unknown (after a restart or a reconnect): limits are written
  // again when wanted, and the next edge starts from low.
  void forget_drive();
  // The limit registers as read from the drive.
  void learn_limits(const std::array<std::optional<std::int64_t>, 3>& on_drive);

  // The frame for this cycle; every call advances the heartbeat.
  [[nodiscard]] CycleFrame next_frame();
  // The drive acknowledged the frame's write.
  void delivered(const CycleFrame& frame);
  // The drive refused the frame's write (a Modbus exception): nothing of it was applied. The
  // axis holds where it is, so that the refusal is not repeated every cycle. A drive that
  // refuses even that hold (one that lost its reference in a power cycle and then moved outside
  // its soft limits refuses every position setpoint there) is held at zero speed instead, which
  // it takes whatever its reference, until homing gives it a reference again or it accepts a
  // position: otherwise every cycle would be refused, the controller would never again read
  // its status, and the chair could not be reset.
  void refused(const CycleFrame& frame, std::int64_t measured_position);
  [[nodiscard]] bool holds_at_zero_speed() const { return zero_speed_holds_; }

  // Limits: written only when a wanted value differs from what the drive holds.
  [[nodiscard]] LimitFrame pending_limits() const;
  void limits_delivered(const LimitFrame& limits);
  // Refused limits fall back to what the drive holds, until the controller asks again.
  void limits_refused(const LimitFrame& limits);
  // The limit registers' values as last written or read, where known.
  [[nodiscard]] std::array<std::optional<std::int64_t>, 3> limits_on_drive() const;

 private:
  struct LimitSlot {
    std::optional<std::int64_t> wanted;
    std::optional<std::int64_t> on_drive;
  };
  LimitSlot& slot(Limit limit) { return limits_[static_cast<std::size_t>(limit)]; }
  void clear_for_motion();

  AxisKind kind_;
  bool enable_ = false;
  bool halt_ = false;
  bool quick_stop_ = false;
  bool homing_ = false;
  bool seen_homing_ = false;
  bool holding_ = false;           // the command is a hold where the axis stood (hold_still)
  bool zero_speed_holds_ = false;  // a hold in position mode was refused (see refused)
  DriveMode mode_ = DriveMode::position;
  std::int64_t setpoint_ = 0;
  std::uint16_t heartbeat_ = 0;
  RisingEdge home_;
  RisingEdge fault_reset_;
  std::array<LimitSlot, 3> limits_{};
};

}  // namespace hal
