#pragma once

#include <chrono>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "daemon/api/json_rpc_dispatcher.hpp"
#include "daemon/api/panel_watch.hpp"
#include "daemon/control/chair_controller.hpp"

// The emergency stop on the loss of the control panel, on the daemon's main loop: the panel's
// heartbeat method (panel.heartbeat, docs/api.md) and a timer that asks the PanelWatch a few
// times per timeout whether the panel is lost while a session runs, and then stops the chair
// as chair.emergency_stop would.
namespace massaged {

class PanelGuard {
 public:
  // Adds panel.heartbeat to `rpc`; watches nothing while `timeout` is zero.
  PanelGuard(const boost::asio::any_io_executor& main_loop, JsonRpcDispatcher& rpc,
             control::ChairController& controller, std::chrono::milliseconds timeout);
  ~PanelGuard() { stop(); }
  PanelGuard(const PanelGuard&) = delete;
  PanelGuard& operator=(const PanelGuard&) = delete;

  void start();
  void stop();

 private:
  void wait();
  void check();

  control::ChairController* controller_;
  PanelWatch watch_;
  boost::asio::steady_timer timer_;
  std::chrono::milliseconds tick_;
  bool running_ = false;
};

}  // namespace massaged
