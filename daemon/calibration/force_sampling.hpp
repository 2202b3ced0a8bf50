#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "daemon/model/setpoint_source.hpp"
#include "units/units.hpp"

// A service session that holds the rollers still and retracted where they stand and collects
// the load cell's raw readings: what the force sensor's zero and gain are computed from. It
// waits for the mechanism to settle first, then takes one sample per control cycle.
namespace calibration {

// The samples, shared between the source (the control loop's thread) and whoever waits for
// them (the API's thread).
class ForceSamples {
 public:
  void add(units::Newtons raw);
  [[nodiscard]] std::vector<units::Newtons> taken() const;
  [[nodiscard]] std::size_t count() const;

 private:
  mutable std::mutex mutex_;
  std::vector<units::Newtons> samples_;
};

struct ForceSamplingSpec {
  std::size_t samples = 50;
  std::chrono::nanoseconds settle{std::chrono::milliseconds(500)};
};

class ForceSampling final : public control::SetpointSource {
 public:
  ForceSampling(ForceSamplingSpec spec, std::shared_ptr<ForceSamples> samples);

  [[nodiscard]] std::string name() const override;
  control::SetpointRequest next(const control::ChairMeasurement& measured,
                                std::chrono::nanoseconds run_time) override;
  [[nodiscard]] bool finished() const override;

 private:
  ForceSamplingSpec spec_;
  std::shared_ptr<ForceSamples> samples_;
  std::optional<control::ChairSetpoint> hold_;  // where the rollers stood when it began
};

}  // namespace calibration
