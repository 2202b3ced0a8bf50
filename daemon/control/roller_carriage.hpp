#pragma once

#include <optional>

#include "daemon/control/chair_measurement.hpp"
#include "daemon/safety/calibration.hpp"
#include "daemon/safety/decision.hpp"
#include "daemon/safety/motion_expectations.hpp"
#include "modbus/chair_drives.hpp"

// The rollers and their carriage seen through the HAL: turns a supervisor's decision into the
// five axes' commands (which the HAL sends in the next cycle), in the drives' own terms: the
// roller spacing from the lateral distance, the load cell's raw force from the calibrated one.
// Each command also tells the following-error check what to expect of the axis.
namespace control {

class RollerCarriage {
 public:
  explicit RollerCarriage(hal::ChairDrives& drives);

  // Only a reviewed decision goes to the drives. Returns the HAL's first refusal, if any.
  std::optional<hal::DriveError> apply(const safety::Decision& decision,
                                       const safety::Calibration& calibration,
                                       const ChairMeasurement& measured,
                                       safety::MotionExpectations& expect);

  // Lifecycle, axis by axis; each returns the HAL's refusal, if any.
  std::optional<hal::DriveError> enable(hal::AxisKind axis);
  std::optional<hal::DriveError> home(hal::AxisKind axis);
  std::optional<hal::DriveError> reset_fault(hal::AxisKind axis);

  // Any thread, never refused: every drive stops before its bus's next regular transaction.
  void quick_stop() { drives_->quick_stop(); }

  // The HAL's latest reading of an axis, for one that brought none this cycle.
  [[nodiscard]] std::optional<hal::AxisReading> latest(hal::AxisKind axis) const;
  [[nodiscard]] hal::AxisState state(hal::AxisKind axis) const;

 private:
  hal::ChairDrives* drives_;
  hal::LinearAxis travel_;
  hal::LinearAxis width_;
  hal::LinearAxis depth_;
  hal::RotaryAxis knead_;
  hal::RotaryAxis tap_;
};

}  // namespace control
