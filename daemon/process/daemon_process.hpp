#pragma once

#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "daemon/api/chair_api.hpp"
#include "daemon/api/methods/server_info.hpp"
#include "daemon/api/transport/api_server.hpp"
#include "daemon/api/transport/json_rpc_dispatcher.hpp"
#include "daemon/config/chair_config.hpp"
#include "daemon/control/chair_control.hpp"
#include "daemon/process/chair_signals.hpp"
#include "daemon/process/periodic_timer.hpp"
#include "daemon/process/shutdown_sequence.hpp"
#include "daemon/systemd/service_notifier.hpp"
#include "daemon/systemd/watchdog.hpp"

// The running daemon: the main loop (a Boost.Asio io_context), the API, the link to systemd and
// an orderly stop on SIGTERM or SIGINT. The parts that come later (HAL, control loop, safety,
// programs) are started here and add their shutdown steps and API methods.
namespace massaged {

class DaemonProcess {
 public:
  explicit DaemonProcess(ChairConfig config, ServiceNotifier notifier = {});
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  // Serves until SIGTERM or SIGINT. Returns the exit code: 0 after a clean stop, 1 when the
  // daemon could not start or a shutdown step failed.
  int run();

 private:
  bool open_api();
  void watch_signals();
  void start_watchdog();
  [[nodiscard]] calibration::StartingCalibration starting_calibration() const;
  bool start_chair();
  void become_ready();
  void stop(const std::string& reason);
  void run_main_loop();
  [[nodiscard]] std::string chair_summary() const;

  ChairConfig config_;
  ServiceNotifier notifier_;
  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  JsonRpcDispatcher rpc_;
  ShutdownSequence shutdown_;
  std::optional<ApiServer> api_;
  std::optional<Watchdog> watchdog_;
  std::optional<PeriodicTimer> watchdog_timer_;
  // Looks at the drives in place for the calibration (ChairApi::look_at_calibration).
  std::optional<PeriodicTimer> calibration_timer_;
  // The chair's control loop on its own thread, and its signals (SIGUSR1, SIGUSR2); the signals
  // go first on destruction, the loop before the watchdog it reports to.
  std::unique_ptr<control::ChairControl> chair_;
  std::optional<ChairSignals> chair_signals_;
  // The API's methods beyond server.info; they use the chair's control, so they go before it.
  std::unique_ptr<ChairApi> chair_api_;
  DaemonState state_ = DaemonState::starting;
  int exit_code_ = 0;
};

}  // namespace massaged
