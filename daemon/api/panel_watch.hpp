#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "daemon/api/transport/caller.hpp"

// Loss of the control panel as an emergency stop ([api] panel_timeout_ms). The panel says it is
// there with panel.heartbeat; from then on, while a session runs, a panel silent for longer than
// the timeout, or whose connection has closed, is lost, and the chair must stop: the person in
// the chair would otherwise have no stop button. The watch decides; its owner (ChairApi) asks
// it on a timer and makes the stop. Time comes from the caller, so that tests step it.
namespace massaged {

class PanelWatch {
 public:
  using Clock = std::chrono::steady_clock;

  // A zero timeout watches nothing.
  explicit PanelWatch(std::chrono::milliseconds timeout) : timeout_(timeout) {}

  [[nodiscard]] bool enabled() const { return timeout_.count() > 0; }
  [[nodiscard]] std::chrono::milliseconds timeout() const { return timeout_; }

  // A heartbeat from `caller` at `now`: it is the panel from now on.
  void heard(const Caller& caller, Clock::time_point now);

  // Whether the panel is lost at `now` while `session_running`: then why, in words for the
  // emergency stop's source, and the watch forgets the panel until it is heard again (one stop
  // per loss). With no session running nothing is lost, but a panel whose connection closed is
  // forgotten: a session started later from elsewhere does not depend on it.
  [[nodiscard]] std::optional<std::string> lost(Clock::time_point now, bool session_running);

  // Whether a panel is being watched now.
  [[nodiscard]] bool watching() const { return panel_ != nullptr; }

 private:
  std::chrono::milliseconds timeout_;
  std::shared_ptr<NotificationSink> panel_;  // the heartbeating client's connection
  std::string who_;
  Clock::time_point last_heard_{};
};

}  // namespace massaged
