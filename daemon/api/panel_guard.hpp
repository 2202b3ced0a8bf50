#pragma once

#include <chrono>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <nlohmann/json.hpp>

#include "daemon/api/panel_watch.hpp"
#include "daemon/api/transport/caller.hpp"
#include "daemon/control/chair_commands.hpp"

// The emergency stop on the loss of the control panel, on the daemon's main loop: what the
// panel's heartbeat (panel.heartbeat, methods/panel_methods.hpp) tells, and a timer that asks
// the PanelWatch a few times per timeout whether the panel is lost while a session runs, and
// then stops the chair as chair.emergency_stop would.
namespace massaged {

class PanelGuard {
 public:
  // Watches nothing while `timeout` is zero.
  PanelGuard(const boost::asio::any_io_executor& main_loop, control::ChairCommands& controller,
             std::chrono::milliseconds timeout);
  ~PanelGuard() { stop(); }
  PanelGuard(const PanelGuard&) = delete;
  PanelGuard& operator=(const PanelGuard&) = delete;

  void start();
  void stop();

  // The panel said it is there (panel.heartbeat): {"watching", "timeout_ms"}.
  nlohmann::json heard(const Caller& caller);

 private:
  void wait();
  void check();

  control::ChairCommands* controller_;
  PanelWatch watch_;
  boost::asio::steady_timer timer_;
  std::chrono::milliseconds tick_;
  bool running_ = false;
};

}  // namespace massaged
