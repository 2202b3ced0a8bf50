#include "daemon/api/panel_watch.hpp"

namespace massaged {

void PanelWatch::heard(const Caller& caller, Clock::time_point now) {
  if (!enabled() || !caller.notifications) return;
  panel_ = caller.notifications;
  who_ = caller.describe();
  last_heard_ = now;
}

std::optional<std::string> PanelWatch::lost(Clock::time_point now, bool session_running) {
  if (!panel_) return std::nullopt;
  const bool closed = !panel_->open();
  if (!session_running) {
    if (closed) panel_.reset();
    return std::nullopt;
  }
  std::optional<std::string> why;
  if (closed) {
    why = "the control panel was lost: the connection of " + who_ + " closed";
  } else if (now - last_heard_ > timeout_) {
    const auto silent = std::chrono::duration_cast<std::chrono::milliseconds>(now - last_heard_);
    why = "the control panel was lost: nothing heard from " + who_ + " for " +
          std::to_string(silent.count()) +
          " ms (panel_timeout_ms = " + std::to_string(timeout_.count()) + ")";
  }
  if (why) panel_.reset();
  return why;
}

}  // namespace massaged
