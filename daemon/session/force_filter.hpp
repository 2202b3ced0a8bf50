#pragma once

#include <chrono>
#include <optional>

#include "units/units.hpp"

// The contact force smoothed over a fraction of a second: the load cell's noise must not make a
// compression take up slack that is not there, or a scan call a shoulder where there is none.
// A first-order low-pass with a time constant, so it behaves alike at every control rate.
namespace session {

class ForceFilter {
 public:
  explicit ForceFilter(std::chrono::nanoseconds time_constant = std::chrono::milliseconds(200))
      : time_constant_(time_constant) {}

  // One measurement, `dt` after the previous one; returns the smoothed force.
  units::Newtons update(units::Newtons sample, std::chrono::nanoseconds dt);
  [[nodiscard]] units::Newtons value() const { return value_.value_or(units::Newtons(0.0)); }

 private:
  std::chrono::nanoseconds time_constant_;
  std::optional<units::Newtons> value_;
};

}  // namespace session
