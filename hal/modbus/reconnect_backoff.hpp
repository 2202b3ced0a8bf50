#pragma once

#include <chrono>

#include "clock/clock.hpp"

// When to try opening a lost link again. The first attempt is immediate; after each failed
// attempt the wait doubles, from the configured minimum up to the maximum; a success starts the
// schedule over. Times come from the caller's clock, so the schedule is testable in simulated
// time.
namespace hal {

class ReconnectBackoff {
 public:
  ReconnectBackoff(std::chrono::milliseconds min_delay, std::chrono::milliseconds max_delay);

  [[nodiscard]] bool may_attempt(Clock::time_point now) const { return now >= next_attempt_; }
  [[nodiscard]] Clock::time_point next_attempt() const { return next_attempt_; }
  // The wait that the last failure imposed; zero before any failure.
  [[nodiscard]] std::chrono::milliseconds current_delay() const { return delay_; }

  void failed(Clock::time_point now);
  void succeeded();

 private:
  std::chrono::milliseconds min_delay_;
  std::chrono::milliseconds max_delay_;
  std::chrono::milliseconds delay_{0};
  Clock::time_point next_attempt_{};
};

}  // namespace hal
