#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "clock/clock.hpp"
#include "result/expected.hpp"

// The session's clock, kept by the daemon rather than the panel, so that a session ends on time
// whatever the panel does. It counts only while the session runs: paused time does not count.
// A session lasts its configured length (15 minutes by default) and is extended in 5-minute
// steps, never beyond the configured maximum (30 minutes at most).
namespace safety {

class SessionTimer {
 public:
  using time_point = hal::Clock::time_point;

  SessionTimer(std::chrono::minutes length, std::chrono::minutes maximum);

  // A new session starts running at `now` with the configured length.
  void start(time_point now);
  void pause(time_point now);
  void resume(time_point now);
  // No session: nothing counts.
  void stop();

  // Adds one step; refused (with what to do instead) when that would pass the maximum or no
  // session runs. Returns the new length.
  result::Expected<std::chrono::minutes, std::string> extend();

  [[nodiscard]] bool active() const { return active_; }
  [[nodiscard]] bool running() const { return active_ && running_since_.has_value(); }
  [[nodiscard]] std::chrono::minutes length() const { return length_; }
  [[nodiscard]] std::chrono::nanoseconds elapsed(time_point now) const;
  [[nodiscard]] std::chrono::nanoseconds remaining(time_point now) const;
  [[nodiscard]] bool over(time_point now) const { return active_ && elapsed(now) >= length_; }

 private:
  std::chrono::minutes configured_;
  std::chrono::minutes maximum_;
  std::chrono::minutes length_;
  bool active_ = false;
  std::chrono::nanoseconds banked_{0};       // run time before the latest resume
  std::optional<time_point> running_since_;  // set while running
};

}  // namespace safety
