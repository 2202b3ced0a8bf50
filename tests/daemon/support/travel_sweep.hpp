#pragma once

#include <chrono>
#include <optional>

#include "daemon/model/setpoint_source.hpp"

// A source that rolls the rollers up and down the back between two travel positions, pressing
// with a force, kneading and tapping as asked: the warm-up stroke of a program. Tests and
// benchmarks drive the controller with it.
namespace control {

struct SweepSpec {
  units::Millimetres from{500.0};
  units::Millimetres to{700.0};
  units::MillimetresPerSecond speed{40.0};
  units::Millimetres lateral{35.0};
  std::optional<units::Newtons> force;  // none: rolling with the rollers retracted
  units::Rpm knead{0.0};
  units::Rpm tap{0.0};
  std::optional<std::chrono::nanoseconds> duration;  // none: until stopped
  SetpointContext context;  // engage_depth is set by the source once it is in place
};

class TravelSweep final : public SetpointSource {
 public:
  explicit TravelSweep(SweepSpec spec) : spec_(std::move(spec)), heading_(spec_.from) {}

  [[nodiscard]] std::string name() const override;
  SetpointRequest next(const ChairMeasurement& measured,
                       std::chrono::nanoseconds run_time) override;
  [[nodiscard]] bool finished() const override { return finished_; }

  // Ends of the sweep reached so far.
  [[nodiscard]] int turns() const { return turns_; }

 private:
  SweepSpec spec_;
  units::Millimetres heading_;
  bool in_place_ = false;
  bool finished_ = false;
  int turns_ = 0;
};

}  // namespace control
