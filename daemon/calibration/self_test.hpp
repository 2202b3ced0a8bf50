#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "daemon/model/calibration.hpp"
#include "daemon/model/setpoint_source.hpp"
#include "profile/axis_kind.hpp"
#include "units/units.hpp"

// The technician's self-test: a service session in which each axis in turn moves through a
// short pattern (out to a target and back; the kneading and tapping motors up to a speed and
// down) and is judged on whether it reached each target in time, with the highest current and
// temperature its drive reported meanwhile. Nobody sits in the chair; the rollers press on
// nothing (and are drawn in while the tapping motor turns, as the supervisor requires of service
// work before a body scan).
namespace calibration {

struct AxisCheck {
  hal::AxisKind axis = hal::AxisKind::travel;
  bool run = false;      // the pattern was run (a fault may end the test before an axis)
  bool reached = false;  // every target of the pattern, each in time
  std::chrono::nanoseconds took{0};
  units::Milliamperes peak_current{0.0};
  units::Celsius hottest{0.0};
  std::string problem;  // why it failed or was not run; empty when it passed
};

// Shared between the source (the control loop's thread) and whoever waits for the result.
class SelfTestReport {
 public:
  void set(std::vector<AxisCheck> checks, bool finished);
  [[nodiscard]] std::vector<AxisCheck> checks() const;
  [[nodiscard]] bool finished() const;

 private:
  mutable std::mutex mutex_;
  std::vector<AxisCheck> checks_;
  bool finished_ = false;
};

struct SelfTestSpec {
  units::Millimetres travel_step{40.0};
  units::MillimetresPerSecond travel_speed{40.0};
  units::Millimetres width_step{20.0};  // the rollers' distance apart
  units::Millimetres depth_out{10.0};
  units::Rpm knead_speed{30.0};
  // With the rollers drawn in and nobody in the chair the supervisor lets the tapping motor
  // turn without a body scan (service work).
  units::Rpm tap_speed{120.0};
  // The kneading and tapping motors are slowed down gradually, as a session does
  // (session/spin_down.hpp): its command falls with this time constant, so that its speed never
  // lags the command further than the controller's following-error check allows, and stops below
  // the floor.
  std::chrono::nanoseconds spin_down_time{std::chrono::milliseconds(500)};
  units::Rpm spin_down_floor{3.0};
  std::chrono::nanoseconds spin_for{std::chrono::seconds(1)};
  units::Millimetres tolerance{1.0};
  double speed_tolerance = 0.1;  // of the motor's speed
  // Each target must be reached within this; a healthy RA-1 needs about a second.
  std::chrono::nanoseconds patience{std::chrono::seconds(4)};
};

class SelfTest final : public control::SetpointSource {
 public:
  // `calibration` bounds the moves: each goes toward the middle of its axis's range.
  SelfTest(SelfTestSpec spec, safety::Calibration calibration,
           std::shared_ptr<SelfTestReport> report);

  [[nodiscard]] std::string name() const override { return "self-test"; }
  control::SetpointRequest next(const control::ChairMeasurement& measured,
                                std::chrono::nanoseconds run_time) override;
  [[nodiscard]] bool finished() const override { return finished_; }

 private:
  // One leg of a pattern: where the axis is sent, and whether it is there.
  struct Leg {
    control::ChairSetpoint setpoint;
    std::string target;  // "travel at 340.0 mm", for the problem when it is not reached
  };

  void plan(const control::ChairMeasurement& measured);
  [[nodiscard]] bool at_target(const control::ChairMeasurement& measured) const;
  // A motor turns at `wanted` within the tolerance of its test speed `nominal`.
  [[nodiscard]] bool speed_reached(units::Rpm measured, units::Rpm wanted,
                                   units::Rpm nominal) const;
  // The command for a motor that should turn at `wanted`, slowed down gradually from `command`.
  [[nodiscard]] units::Rpm spin_down(units::Rpm command, units::Rpm wanted,
                                     std::chrono::nanoseconds dt) const;
  void observe(const control::ChairMeasurement& measured);
  void next_leg(std::chrono::nanoseconds run_time);

  SelfTestSpec spec_;
  safety::Calibration calibration_;
  std::shared_ptr<SelfTestReport> report_;
  control::ChairSetpoint rest_{};  // where the rollers stood at the start
  std::vector<AxisCheck> checks_;
  std::vector<std::vector<Leg>> legs_;  // per check
  std::size_t check_ = 0;
  std::size_t leg_ = 0;
  std::chrono::nanoseconds leg_began_{0};
  std::chrono::nanoseconds check_began_{0};
  std::optional<std::chrono::nanoseconds> spinning_since_;
  // The kneading and tapping commands while they slow down.
  units::Rpm knead_command_{0.0};
  units::Rpm tap_command_{0.0};
  std::chrono::nanoseconds last_run_time_{0};
  bool started_ = false;
  bool finished_ = false;
};

}  // namespace calibration
