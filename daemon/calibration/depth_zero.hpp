#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "daemon/model/setpoint_source.hpp"
#include "units/units.hpp"

// A service session for the depth axis's zero: the rollers retract as far as they may, come to
// rest, and the load cell is read there. The retracted position is the depth's zero once no
// contact force is read at it (the procedure judges that, with the force sensor's correction).
namespace calibration {

struct DepthRest {
  std::optional<units::Millimetres> position;  // where the rollers came to rest, retracted
  std::vector<units::Newtons> raw_forces;      // the load cell's raw readings there
  bool timed_out = false;                      // never came to rest
};

// Shared between the source (the control loop's thread) and the procedure waiting for it.
class DepthRestRecord {
 public:
  void set(DepthRest rest);
  [[nodiscard]] DepthRest get() const;

 private:
  mutable std::mutex mutex_;
  DepthRest rest_;
};

struct DepthZeroSpec {
  std::size_t samples = 50;
  // Still for this long: at rest.
  std::chrono::nanoseconds still_for{std::chrono::milliseconds(300)};
  std::chrono::nanoseconds patience{std::chrono::seconds(10)};
};

class DepthZeroSearch final : public control::SetpointSource {
 public:
  DepthZeroSearch(DepthZeroSpec spec, std::shared_ptr<DepthRestRecord> record);

  [[nodiscard]] std::string name() const override {
    return "calibration: retracting the rollers to find the depth's zero";
  }
  control::SetpointRequest next(const control::ChairMeasurement& measured,
                                std::chrono::nanoseconds run_time) override;
  [[nodiscard]] bool finished() const override { return finished_; }

 private:
  DepthZeroSpec spec_;
  std::shared_ptr<DepthRestRecord> record_;
  DepthRest rest_;
  std::optional<control::ChairSetpoint> hold_;
  std::optional<units::Millimetres> last_position_;
  std::chrono::nanoseconds still_since_{0};
  bool finished_ = false;
};

}  // namespace calibration
