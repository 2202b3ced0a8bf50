#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "daemon/config/chair_config.hpp"
#include "daemon/control/chair_controller.hpp"
#include "daemon/control/control_loop.hpp"
#include "daemon/control/control_rate.hpp"
#include "daemon/control/cycle_waiter.hpp"
#include "drives/drives_view.hpp"
#include "modbus/chair_drives.hpp"

// The chair's control as a process runs it: the drives built from the configuration, the
// controller, and the fixed-rate loop on a thread of its own (never on the API's event loop).
// Stopping it brings the actuators into their safe state first, then stops the loop and lets
// go of the drives.
namespace control {

class ChairControl {
 public:
  // Throws std::invalid_argument when the configuration cannot run (a rate the buses cannot
  // carry even at the minimum, a communication timeout shorter than two cycles). A rate that
  // had to be lowered is logged as a warning and shown by rate().
  explicit ChairControl(const massaged::ChairConfig& config,
                        safety::Calibration calibration = safety::uncalibrated());
  ~ChairControl();
  ChairControl(const ChairControl&) = delete;
  ChairControl& operator=(const ChairControl&) = delete;

  // Starts the loop's thread; `on_cycle` hears every cycle's health there.
  void start(std::function<void(const CycleHealth&)> on_cycle);

  [[nodiscard]] ChairController& controller() { return *controller_; }
  // The drives as seen, for the API's read-only views (axes, bus statistics, registers, the
  // drives in place): safe to read from any thread while the loop runs.
  [[nodiscard]] const hal::DrivesView& drives() const { return *drives_; }
  [[nodiscard]] const ControlRate& rate() const { return rate_; }
  [[nodiscard]] PeriodStatistics statistics() const { return loop_->statistics(); }

  // The actuators into their safe state (quick stop, rollers retracted, disabled), then the
  // loop stops and the drives are deactivated and disconnected. Returns the controller's
  // account of the safe state. Later calls return at once.
  CommandReply shut_down();

 private:
  ControlRate rate_;
  std::unique_ptr<hal::ChairDrives> drives_;
  std::unique_ptr<ChairController> controller_;
  SleepingWaiter waiter_;
  std::unique_ptr<ControlLoop> loop_;
  std::jthread thread_;
  bool shut_down_ = false;
  std::chrono::milliseconds shutdown_patience_;
};

}  // namespace control
