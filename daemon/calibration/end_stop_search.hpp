#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "daemon/model/setpoint_source.hpp"
#include "profile/axis_kind.hpp"
#include "units/units.hpp"

// A service session that runs one linear axis (travel or width) slowly to its low end, then to
// its high end, and notes where it came to rest at each: the range the mechanism really gives.
// The supervisor keeps the rollers its margin away from the end stops, so an axis that runs
// freely comes to rest there; one that comes to rest short of it is blocked.
namespace calibration {

struct AxisReach {
  std::optional<units::Millimetres> low;   // where the axis came to rest going down
  std::optional<units::Millimetres> high;  // and going up
  bool timed_out = false;                  // it kept moving (or never settled) too long
};

// Shared between the source (the control loop's thread) and the procedure waiting for it.
class ReachRecord {
 public:
  void set(AxisReach reach);
  [[nodiscard]] AxisReach get() const;

 private:
  mutable std::mutex mutex_;
  AxisReach reach_;
};

struct EndStopSearchSpec {
  hal::AxisKind axis = hal::AxisKind::travel;
  // Targets beyond the ends; the supervisor's range stops the axis short of its end stops.
  units::Millimetres low_target{0.0};
  units::Millimetres high_target{1200.0};
  units::MillimetresPerSecond speed{40.0};
  // Still for this long: at rest.
  std::chrono::nanoseconds still_for{std::chrono::milliseconds(300)};
  std::chrono::nanoseconds patience{std::chrono::seconds(60)};  // for each end
};

class EndStopSearch final : public control::SetpointSource {
 public:
  EndStopSearch(EndStopSearchSpec spec, std::shared_ptr<ReachRecord> record);

  [[nodiscard]] std::string name() const override;
  control::SetpointRequest next(const control::ChairMeasurement& measured,
                                std::chrono::nanoseconds run_time) override;
  [[nodiscard]] bool finished() const override { return finished_; }

 private:
  [[nodiscard]] units::Millimetres position_of(const control::ChairMeasurement& measured) const;

  EndStopSearchSpec spec_;
  std::shared_ptr<ReachRecord> record_;
  AxisReach reach_;
  control::ChairSetpoint start_{};
  bool started_ = false;
  bool going_up_ = false;
  std::chrono::nanoseconds leg_began_{0};
  std::optional<units::Millimetres> last_position_;
  std::chrono::nanoseconds still_since_{0};
  bool finished_ = false;
};

}  // namespace calibration
