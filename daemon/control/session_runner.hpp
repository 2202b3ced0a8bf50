#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "clock/clock.hpp"
#include "daemon/control/chair_command.hpp"
#include "daemon/control/source_token.hpp"
#include "daemon/model/chair_measurement.hpp"
#include "daemon/model/setpoint_source.hpp"
#include "daemon/safety/session_timer.hpp"

// The session under way: its setpoint source, the source's run time (pauses left out) and the
// session's clock, which the supervisor keeps. Who started the source, not the source, says which
// rules its setpoints are judged by: a technician's work is service; a person's session is a
// massage, or the body scan before it.
namespace control {

class SessionRunner {
 public:
  using time_point = hal::Clock::time_point;

  explicit SessionRunner(safety::SessionTimer& timer) : timer_(&timer) {}

  [[nodiscard]] std::string name() const { return source_->name(); }
  [[nodiscard]] SourceToken token() const { return token_; }

  // The session's source starts running at `now`, and with it the session's clock.
  void start(StartSession& command, time_point now);
  void pause(time_point now);
  void resume(time_point now);
  // The source is let go and the session's clock stops.
  void drop();

  // The source's request this cycle, with the purpose its requester gives it. Throws what the
  // source throws.
  SetpointRequest next(const ChairMeasurement& measured, time_point now);
  [[nodiscard]] bool finished() const { return source_->finished(); }

  // "12 min 30 s": the session's time left.
  [[nodiscard]] std::string remaining_text(time_point now) const;

 private:
  safety::SessionTimer* timer_;
  std::unique_ptr<SetpointSource> source_;
  Requester requester_ = Requester::person;
  SourceToken token_;
  std::chrono::nanoseconds run_time_{0};
  time_point run_mark_{};  // run time is counted from here while running
};

}  // namespace control
