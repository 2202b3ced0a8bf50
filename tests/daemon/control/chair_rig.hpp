#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>

#include "clock/clock.hpp"
#include "daemon/bodymap/body_map.hpp"
#include "daemon/control/chair_controller.hpp"
#include "daemon/control/control_loop.hpp"
#include "daemon/control/cycle_waiter.hpp"
#include "modbus/chair_drives.hpp"
#include "sim/chair/simulated_chair.hpp"
#include "sim/server/link_faults.hpp"
#include "sim/server/pdu_responder.hpp"
#include "sim/server/tcp_server.hpp"
#include "tests/daemon/control/simulator_calibration.hpp"

// The real controller and HAL driving an in-process simulated chair over a real Modbus TCP
// connection (or, by choice, the in-memory link: the same PDUs through a function call), in
// simulated time: before each cycle the loop's clock and the chair's physics advance together by
// exactly one control period, so a 15-minute session runs in seconds and every run sees the same
// physics.
namespace control_test {

// A clock that moves only when the rig says so.
class SteppedClock final : public hal::Clock {
 public:
  [[nodiscard]] time_point now() const override { return now_; }
  void advance(std::chrono::nanoseconds by) { now_ += by; }

 private:
  time_point now_{std::chrono::hours{1}};
};

// The loop's waiter in simulated time: to reach a deadline, the chair's physics and the clock
// advance to it. A quick stop asked for since the last cycle reaches the drives first, as it
// does within milliseconds on a real bus.
class SteppedTime final : public control::CycleWaiter {
 public:
  SteppedTime(SteppedClock& clock, sim::SimulatedChair& chair, hal::ChairDrives& drives)
      : clock_(&clock), chair_(&chair), drives_(&drives) {}
  void wait_until(hal::Clock::time_point deadline) override;

 private:
  SteppedClock* clock_;
  sim::SimulatedChair* chair_;
  hal::ChairDrives* drives_;
};

// How the HAL reaches the simulated chair. TCP tests the real socket; the in-memory link runs the
// same HAL and controller on the same Modbus PDUs without one, for long sessions where the socket
// is not what a test is about. On it the link's faults drop and break answers as on TCP, but a
// delay costs no time, and an unplugged gateway is drives that fall silent.
enum class RigLink { tcp, in_memory };

struct RigOptions {
  RigLink link = RigLink::tcp;
  int rate_hz = 100;
  safety::SafetyLimits limits{};
  int comm_loss_cycles = 5;
  safety::Calibration calibration = simulator_calibration();
  std::chrono::milliseconds drive_comm_timeout{300};
  // Near the top end stops, so that homing is quick; a test of homing itself sets its own.
  sim::PowerUpPositions power_up{units::Millimetres(60.0), units::Millimetres(90.0),
                                 units::Millimetres(3.0), units::Degrees(0.0), units::Degrees(0.0)};
  sim::BodyConfig body = sim::body_of_size(sim::BodySize::medium);
};

class ChairRig {
 public:
  explicit ChairRig(RigOptions options = {});
  ~ChairRig();
  ChairRig(const ChairRig&) = delete;
  ChairRig& operator=(const ChairRig&) = delete;

  [[nodiscard]] control::ChairController& controller() { return *controller_; }
  [[nodiscard]] control::ControlLoop& loop() { return *loop_; }
  [[nodiscard]] hal::ChairDrives& drives() { return *drives_; }
  [[nodiscard]] sim::SimulatedChair& chair() { return *chair_; }
  [[nodiscard]] sim::LinkFaultInjector& link() { return faults_; }
  [[nodiscard]] SteppedClock& clock() { return clock_; }
  [[nodiscard]] std::chrono::nanoseconds period() const { return loop_->period(); }
  [[nodiscard]] const RigOptions& options() const { return options_; }

  // One control cycle (after the period's physics).
  control::CycleHealth cycle();
  void run_for(std::chrono::nanoseconds duration);
  // Runs cycles until `done` holds (checked after each) or `limit` of simulated time passed;
  // returns whether it held.
  bool run_until(const std::function<bool()>& done, std::chrono::nanoseconds limit);
  // Runs cycles until the command is answered (at most `limit`), and returns the answer.
  control::CommandReply answer(std::future<control::CommandReply> reply,
                               std::chrono::nanoseconds limit = std::chrono::seconds(5));

  // Connects, resets the start-up latch, homes and parks: the chair is ready. Fails the test
  // (and returns false) otherwise.
  bool bring_to_ready();

  // The daemon's process dies (its controller, loop and HAL gone), the drives are left without
  // their master for a second, and a new process starts as at boot, waiting for its start-up
  // reset (bring_to_ready).
  void restart_daemon();

  // The gateway goes away (connections and listener closed) and comes back on the same port; on
  // the in-memory link the drives fall silent and answer again.
  void unplug();
  void plug_in();

  [[nodiscard]] bodymap::BodyMap body_map() const;
  [[nodiscard]] control::ChairState state() const { return controller_->status().state; }
  [[nodiscard]] sim::AxisTruth truth(hal::AxisKind axis) const { return chair_->axis(axis); }

 private:
  void start_daemon();
  sim::Pdu answer_in_memory(int unit, std::span<const std::uint8_t> request);

  RigOptions options_;
  SteppedClock clock_;
  std::unique_ptr<sim::SimulatedChair> chair_;
  sim::LinkFaultInjector faults_{7};
  std::unique_ptr<sim::ModbusTcpServer> server_;
  std::uint16_t port_ = 0;
  std::unique_ptr<sim::PduResponder> responder_;  // the in-memory link's far end
  hal::BusLink link_;  // how the daemon reaches the chair, kept for a restart
  std::atomic<bool> plugged_in_{true};
  std::unique_ptr<hal::ChairDrives> drives_;
  std::unique_ptr<control::ChairController> controller_;
  std::unique_ptr<SteppedTime> waiter_;
  std::unique_ptr<control::ControlLoop> loop_;
};

}  // namespace control_test
