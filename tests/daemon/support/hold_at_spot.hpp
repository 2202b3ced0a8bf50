#pragma once

#include <chrono>
#include <optional>

#include "daemon/model/setpoint_source.hpp"

// A source that goes to one spot with the rollers retracted, then presses it with a force:
// ischemic compression on one trigger point, the simplest session there is. Tests and benchmarks
// drive the controller with it; the daemon's sessions run programs.
namespace control {

struct HoldSpec {
  units::Millimetres travel{600.0};
  units::Millimetres lateral{35.0};  // from the midline
  units::Newtons force{20.0};
  units::MillimetresPerSecond approach_speed{100.0};
  units::Rpm knead{0.0};  // while pressing
  // How long to press once there; none: until stopped.
  std::optional<std::chrono::nanoseconds> duration;
  SetpointContext context;  // engage_depth is set by the source while it presses
};

class HoldAtSpot final : public SetpointSource {
 public:
  explicit HoldAtSpot(HoldSpec spec) : spec_(std::move(spec)) {}

  [[nodiscard]] std::string name() const override;
  SetpointRequest next(const ChairMeasurement& measured,
                       std::chrono::nanoseconds run_time) override;
  [[nodiscard]] bool finished() const override { return finished_; }

  // Pressing has begun (the rollers reached the spot).
  [[nodiscard]] bool pressing() const { return pressing_since_.has_value(); }

 private:
  HoldSpec spec_;
  std::optional<std::chrono::nanoseconds> pressing_since_;
  bool finished_ = false;
};

}  // namespace control
