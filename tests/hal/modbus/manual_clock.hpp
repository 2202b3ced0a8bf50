#pragma once

#include <chrono>

#include "clock/clock.hpp"

// A clock that moves only when the test says so.
namespace test_support {

class ManualClock final : public hal::Clock {
 public:
  [[nodiscard]] time_point now() const override { return now_; }
  void advance(std::chrono::nanoseconds by) { now_ += by; }

 private:
  time_point now_{std::chrono::hours{1}};
};

}  // namespace test_support
