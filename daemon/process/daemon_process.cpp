#include "daemon/process/daemon_process.hpp"

#include <unistd.h>

#include <csignal>
#include <cstring>
#include <stdexcept>

#include <boost/asio/post.hpp>

#include <spdlog/spdlog.h>

#include "daemon/calibration/calibration_in_use.hpp"
#include "daemon/calibration/calibration_store.hpp"
#include "daemon/systemd/socket_activation.hpp"
#include "modbus/bus_config.hpp"

namespace massaged {

DaemonProcess::DaemonProcess(ChairConfig config, ServiceNotifier notifier)
    : config_(std::move(config)), notifier_(notifier), signals_(io_, SIGTERM, SIGINT) {
  add_server_info_method(rpc_, [this] { return state_; });
  chair_api_ = std::make_unique<ChairApi>(io_, rpc_, config_);
}

int DaemonProcess::run() {
  if (!open_api()) return 1;
  watch_signals();
  start_watchdog();
  if (!start_chair()) return 1;
  become_ready();
  run_main_loop();
  spdlog::info("stopped{}", exit_code_ == 0 ? "" : " after a failure");
  return exit_code_;
}

bool DaemonProcess::open_api() {
  notifier_.status("Starting: opening the API socket");
  try {
    auto socket = socket_from_systemd();
    auto api_socket =
        socket ? ApiSocket::adopt(io_, *socket) : ApiSocket::create(io_, config_.api.socket);
    const ApiLimits limits{.max_clients = config_.api.max_clients,
                           .max_message_bytes = config_.api.max_message_bytes,
                           .idle_timeout = config_.api.idle_timeout,
                           .send_timeout = config_.api.send_timeout};
    api_.emplace(std::move(api_socket), rpc_, limits,
                 RolePolicy::from_config(config_.api.roles, ::geteuid(),
                                         [](const std::string& why) { spdlog::warn("{}", why); }));
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    notifier_.status(std::string("Failed: ") + e.what());
    return false;
  }
  api_->start();
  spdlog::info("API listening on {}", api_->description());
  return true;
}

void DaemonProcess::watch_signals() {
  signals_.async_wait([this](const boost::system::error_code& error, int signal) {
    if (error) return;
    if (state_ == DaemonState::stopping) {
      spdlog::info("{} received while stopping; the stop goes on", strsignal(signal));
      watch_signals();
      return;
    }
    stop(std::string(strsignal(signal)) + " received");
  });
}

void DaemonProcess::start_watchdog() {
  const auto timeout = watchdog_timeout_from_systemd();
  if (!timeout) return;
  watchdog_.emplace(*timeout, [this] { notifier_.watchdog_ping(); });
  watchdog_timer_.emplace(io_, watchdog_->ping_interval(), [this] { watchdog_->tick(); });
  watchdog_timer_->start();
  spdlog::info(
      "watchdog: pinging systemd every {} ms while the control loop runs on time and the drives "
      "answer",
      std::chrono::duration_cast<std::chrono::milliseconds>(watchdog_->ping_interval()).count());
}

// The calibration in the state directory, applied at start. Without a whole one the chair still
// homes and parks, but the supervisor lets no program press; the log says why. The drives it
// was measured on are checked once they answer (CalibrationWatch).
calibration::StartingCalibration DaemonProcess::starting_calibration() const {
  calibration::DiskStateFiles files;
  const calibration::CalibrationStore store(config_.daemon.state_directory, files);
  auto starting = calibration::calibration_at_start(store);
  if (starting.refusal.empty()) {
    spdlog::info("calibration: using {}{}", store.current_path().string(),
                 starting.stored && starting.stored->format_version < calibration::kFormatVersion
                     ? " (written before the drives were recorded: they are recorded at the next "
                       "commit)"
                     : "");
  } else {
    spdlog::warn("calibration: {}", starting.refusal);
  }
  return starting;
}

bool DaemonProcess::start_chair() {
  notifier_.status("Starting: the chair's control loop");
  calibration::StartingCalibration calibration;
  try {
    chair_signals_.emplace();  // before the control's threads, so that none takes the signals
    calibration = starting_calibration();
    chair_ = std::make_unique<control::ChairControl>(
        config_, calibration::CalibrationInUse(calibration).calibration());
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    notifier_.status(std::string("Failed: ") + e.what());
    return false;
  }
  auto& controller = chair_->controller();
  // STATUS= says what the chair is doing; sent from the main loop.
  controller.on_status_change([this](const control::ChairStatus& status) {
    boost::asio::post(io_, [this, text = status.describe()] {
      if (state_ != DaemonState::stopping) notifier_.status(text);
    });
  });
  chair_signals_->start([&controller] { controller.emergency_stop("SIGUSR1"); },
                        [&controller] {
                          const auto reply = controller.reset().get();
                          if (reply.accepted) {
                            spdlog::info("{}", reply.message);
                          } else {
                            spdlog::warn("{}", reply.message);
                          }
                        });
  // First to run on stop: the actuators reach their safe state before anything else closes.
  shutdown_.add_step("putting the actuators into their safe state", [this] {
    chair_signals_.reset();
    const auto reply = chair_->shut_down();
    if (!reply.accepted) throw std::runtime_error(reply.message);
    spdlog::info("{}", reply.message);
  });
  // The watchdog hears only of cycles that ran on time with every drive answering.
  chair_->start([this](const control::CycleHealth& health) {
    if (health.healthy() && watchdog_) watchdog_->report_progress();
  });
  chair_api_->attach({&controller, [this] { return chair_->statistics(); }, chair_->rate().period,
                      &chair_->drives(), std::move(calibration)});
  calibration_timer_.emplace(io_, CalibrationWatch::kLookPeriod,
                             [this] { chair_api_->look_at_calibration(); });
  calibration_timer_->start();
  return true;
}

std::string DaemonProcess::chair_summary() const {
  std::string out;
  for (const auto& bus : config_.buses) {
    if (!out.empty()) out += ", ";
    out += "bus " + bus.name + " (" + hal::link_text(bus.link) + ", " +
           std::to_string(bus.axes.size()) + " axes)";
  }
  return out;
}

void DaemonProcess::become_ready() {
  state_ = DaemonState::ready;
  const std::string status = "Ready: API on " + api_->description() + "; " + chair_summary();
  notifier_.ready(status);
  spdlog::info("{}", status);
}

void DaemonProcess::stop(const std::string& reason) {
  if (state_ == DaemonState::stopping) return;
  state_ = DaemonState::stopping;
  spdlog::info("{}; stopping", reason);
  notifier_.stopping("Stopping: " + reason);
  // The parts that move the chair come first: the actuators reach their safe state while the
  // API still answers "stopping".
  const bool clean =
      shutdown_.run([this](const std::string& step) { notifier_.status("Stopping: " + step); });
  if (!clean) exit_code_ = 1;
  notifier_.status("Stopping: closing the API");
  chair_api_->stop();
  api_->stop();
  if (watchdog_timer_) watchdog_timer_->stop();
  if (calibration_timer_) calibration_timer_->stop();
  signals_.cancel();
}

void DaemonProcess::run_main_loop() {
  for (;;) {
    try {
      io_.run();
      return;
    } catch (const std::exception& e) {
      // A fault in the daemon's own code: stop in order rather than die with the chair moving.
      spdlog::critical("internal error on the main loop: {}", e.what());
      exit_code_ = 1;
      stop("internal error");
    }
  }
}

}  // namespace massaged
