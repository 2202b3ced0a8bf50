#pragma once

#include <array>
#include <optional>
#include <string>

#include "clock/clock.hpp"
#include "daemon/model/chair_measurement.hpp"
#include "daemon/safety/fault.hpp"
#include "daemon/safety/motion_expectations.hpp"
#include "daemon/safety/safety_limits.hpp"

// Looks at every cycle's measurement for what must stop the chair: a drive's alarm, a drive
// that restarted, communication loss (a number of failed cycles in a row, or a status older than
// the configured age), stall current held too long, a motor too hot, a contact force above the
// fault threshold, and a status that contradicts the command (MotionExpectations). It also says
// what still stands in the way of a reset.
namespace safety {

class FaultWatch {
 public:
  using time_point = hal::Clock::time_point;

  FaultWatch(SafetyLimits limits, int comm_loss_cycles);

  // This cycle's look: the most pressing fault found, if any.
  std::optional<Fault> observe(const control::ChairMeasurement& measured, time_point now);

  // Why a reset cannot clear the latch now, for a person; none when nothing stands in the way.
  // Drive alarms are left out: a reset first asks the drives to clear them.
  [[nodiscard]] std::optional<std::string> standing_cause(
      const control::ChairMeasurement& measured) const;

  [[nodiscard]] MotionExpectations& expectations() { return expectations_; }

 private:
  std::optional<Fault> drive_trouble(const control::ChairMeasurement& measured) const;
  std::optional<Fault> communication(const control::ChairMeasurement& measured);
  std::optional<Fault> sensors(const control::ChairMeasurement& measured, time_point now);

  SafetyLimits limits_;
  int comm_loss_cycles_;
  std::array<int, hal::kAllAxisKinds.size()> failed_cycles_{};
  // The error that began each axis's run of failed cycles: often the telling one.
  std::array<std::string, hal::kAllAxisKinds.size()> first_failure_{};
  std::array<std::optional<time_point>, hal::kAllAxisKinds.size()> over_current_since_{};
  MotionExpectations expectations_;
};

// "the depth drive (unit 3 on bus main)".
[[nodiscard]] std::string describe_drive(const control::AxisSample& sample);

}  // namespace safety
