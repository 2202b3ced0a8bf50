#pragma once

#include <chrono>

// Where the HAL's logic reads the time: reconnect backoff and the age of a drive reading.
// Tests inject a clock they move by hand, so backoff schedules and ages are checked in
// simulated time, without sleeping.
namespace hal {

class Clock {
 public:
  using time_point = std::chrono::steady_clock::time_point;
  using duration = std::chrono::steady_clock::duration;

  virtual ~Clock() = default;
  [[nodiscard]] virtual time_point now() const = 0;
};

// The real, monotonic clock.
class SteadyClock final : public Clock {
 public:
  [[nodiscard]] time_point now() const override { return std::chrono::steady_clock::now(); }
};

// A process-wide steady clock, for callers that need no other.
inline const Clock& steady_clock() {
  static const SteadyClock clock;
  return clock;
}

}  // namespace hal
