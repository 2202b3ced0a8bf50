#pragma once

#include "clock/clock.hpp"

// How the control loop waits for its next deadline. The real one sleeps until the steady clock
// reaches it; a test's steps simulated time there instead (the clock and the simulated chair's
// physics together), so a 15-minute session runs in seconds and the same way every time.
namespace control {

class CycleWaiter {
 public:
  virtual ~CycleWaiter() = default;
  // Returns once the loop's clock has reached `deadline` (at once if it has).
  virtual void wait_until(hal::Clock::time_point deadline) = 0;
};

// Sleeps on the monotonic clock until an absolute time, so that the wake-up does not drift with
// how long the call took to make, with the calling thread's timer slack at its minimum. Meant
// for hal::SteadyClock.
class SleepingWaiter final : public CycleWaiter {
 public:
  void wait_until(hal::Clock::time_point deadline) override;
};

}  // namespace control
