#include "daemon/control/cycle_waiter.hpp"

#include <sys/prctl.h>
#include <time.h>

#include <cerrno>
#include <chrono>

namespace control {

void SleepingWaiter::wait_until(hal::Clock::time_point deadline) {
  // The kernel may otherwise wake a sleeping thread up to 50 µs late to batch timers; the loop's
  // thread asks for its deadlines as they are.
  thread_local const bool precise = prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL) == 0;
  (void)precise;
  // steady_clock is CLOCK_MONOTONIC on Linux: an absolute sleep on it ends at the deadline.
  const auto since_epoch = deadline.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  timespec when{};
  when.tv_sec = static_cast<time_t>(seconds.count());
  when.tv_nsec = static_cast<long>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds).count());
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &when, nullptr) == EINTR) {
  }
}

}  // namespace control
