#include "daemon/api/panel_guard.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace massaged {

using nlohmann::json;

PanelGuard::PanelGuard(const boost::asio::any_io_executor& main_loop,
                       control::ChairCommands& controller, std::chrono::milliseconds timeout)
    : controller_(&controller),
      watch_(timeout),
      timer_(main_loop),
      // A few looks per timeout, so that a lost panel stops the chair soon after its timeout.
      tick_(std::max(std::chrono::milliseconds(20), timeout / 5)) {}

json PanelGuard::heard(const Caller& caller) {
  const bool was_watching = watch_.watching();
  watch_.heard(caller, PanelWatch::Clock::now());
  if (watch_.watching() && !was_watching) {
    spdlog::info(
        "api: {} is the control panel; a silence of {} ms during a session stops the chair",
        caller.describe(), watch_.timeout().count());
  }
  return json{{"watching", watch_.watching()}, {"timeout_ms", watch_.timeout().count()}};
}

void PanelGuard::start() {
  if (running_ || !watch_.enabled()) return;
  running_ = true;
  wait();
}

void PanelGuard::stop() {
  running_ = false;
  timer_.cancel();
}

void PanelGuard::wait() {
  timer_.expires_after(tick_);
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (error || !running_) return;
    check();
    wait();
  });
}

void PanelGuard::check() {
  const auto state = controller_->status().state;
  const bool session_running =
      state == control::ChairState::running || state == control::ChairState::paused;
  if (const auto why = watch_.lost(PanelWatch::Clock::now(), session_running)) {
    spdlog::warn("api: {}: emergency stop", *why);
    controller_->emergency_stop(*why);
  }
}

}  // namespace massaged
