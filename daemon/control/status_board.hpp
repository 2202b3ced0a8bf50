#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "clock/clock.hpp"
#include "daemon/control/chair_state.hpp"
#include "daemon/control/source_token.hpp"
#include "daemon/safety/decision.hpp"
#include "daemon/safety/fault.hpp"

// The chair's published status: the loop's thread writes it as the chair changes state, any thread
// reads a copy, and a listener hears each change once per cycle, on the loop's thread. Every change
// is logged as it is made.
namespace control {

class StatusBoard {
 public:
  using time_point = hal::Clock::time_point;
  using Listener = std::function<void(const ChairStatus&)>;

  // The chair at start-up: starting, latched.
  explicit StatusBoard(time_point now);

  // ---- the control loop's thread ----
  // The status as it stands; only the loop's thread writes it, so it reads it without a copy.
  [[nodiscard]] const ChairStatus& current() const { return status_; }
  // A new state or cause; the same again changes nothing.
  void enter(ChairState state, std::string cause, time_point now);
  // A fault or an emergency stop: the latch is set.
  void latch(ChairState state, std::string cause, std::optional<safety::Fault> fault,
             time_point now);
  void unlatch();
  // Shutting down: the chair shows it stopping, latched (a fault or emergency stop stays shown).
  void shut_down(std::string cause, time_point now);
  // The source a session runs, from its start until it is let go.
  void show_source(std::optional<SourceToken> source);
  // The supervisor's latest decision on a session's setpoint.
  void record(safety::Decision decision);
  // Hands the listener the status if it changed since the last call; `remaining` is the session's
  // time left.
  void publish(std::chrono::nanoseconds remaining);

  // ---- any thread ----
  [[nodiscard]] ChairStatus status() const;
  [[nodiscard]] std::optional<safety::Decision> last_decision() const;
  [[nodiscard]] std::chrono::nanoseconds session_remaining() const;
  void on_change(Listener listener);

 private:
  mutable std::mutex mutex_;
  ChairStatus status_;
  bool changed_ = false;
  std::optional<safety::Decision> last_decision_;
  std::chrono::nanoseconds session_remaining_{0};
  Listener listener_;
};

}  // namespace control
