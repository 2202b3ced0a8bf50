#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "clock/clock.hpp"
#include "daemon/control/actuator_shutdown.hpp"
#include "daemon/control/chair_command.hpp"
#include "daemon/control/chair_commands.hpp"
#include "daemon/control/chair_state.hpp"
#include "daemon/control/drive_startup.hpp"
#include "daemon/control/estop_latch.hpp"
#include "daemon/control/homing_sequence.hpp"
#include "daemon/control/mailbox.hpp"
#include "daemon/control/roller_carriage.hpp"
#include "daemon/control/session_runner.hpp"
#include "daemon/control/status_board.hpp"
#include "daemon/model/calibration.hpp"
#include "daemon/model/chair_measurement.hpp"
#include "daemon/model/setpoint_source.hpp"
#include "daemon/safety/decision.hpp"
#include "daemon/safety/fault_watch.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "daemon/safety/supervisor.hpp"
#include "modbus/chair_drives.hpp"

// The chair's controller: owns the chair's state machine and, once per control cycle, reads every
// axis, watches for faults, carries out clients' commands, asks the active setpoint source what to
// do, has the supervisor review it and hands the result to the drives. It starts the drives
// (connect, check, activate), homes and parks the rollers after the start-up reset, and puts the
// chair into its safe state (quick stop: the rollers retract, kneading and tapping stop) within the
// cycle that finds a fault. It never resumes a session by itself.
//
// It coordinates; each phase's work is a part of its own: DriveStartup, EmergencyStopLatch (and the
// reset), HomingSequence then parking (park_position.hpp), SessionRunner, ActuatorShutdown; the
// Mailbox brings commands from other threads and the StatusBoard publishes the status.
//
// cycle() runs on the control loop's thread only; everything else may be called from any thread.
namespace control {

struct ControllerSettings {
  safety::SafetyLimits limits{};
  int comm_loss_cycles = 5;
  safety::Calibration calibration = safety::uncalibrated();
  // While starting, how often to try the drives that did not answer.
  std::chrono::milliseconds connect_retry{1000};
  // How long a reset waits for the drives to clear their alarms and enable.
  std::chrono::milliseconds reset_patience{1000};
  // How long a shutdown waits for the actuators to report their safe state.
  std::chrono::milliseconds shutdown_patience{5000};
};

// How one cycle went, for the systemd watchdog.
struct CycleResult {
  bool buses_answered = false;   // every drive sent a fresh status
  bool awaiting_drives = false;  // still starting: no drive has been reached yet
};

class ChairController final : public ChairCommands {
 public:
  // Throws std::invalid_argument when the calibration is unusable.
  ChairController(hal::ChairDrives& drives, const hal::Clock& clock, ControllerSettings settings);
  ChairController(const ChairController&) = delete;
  ChairController& operator=(const ChairController&) = delete;

  // ---- the control loop's thread ----
  // One cycle: the drives' exchange (within `budget`), then supervise, compute and command.
  CycleResult cycle(std::chrono::microseconds budget);

  // ---- any thread ----
  // The emergency stop: every drive is told to quick-stop from this very thread, before this
  // returns and before any queue; the chair latches emergency_stop on the next cycle. Calling it
  // again changes nothing.
  void emergency_stop(std::string_view source) override;

  std::future<CommandReply> reset() override;
  // Runs `source` for whoever asked: who asked, never the source, decides the rules its setpoints
  // are judged by. The token shows in status() while the source runs.
  StartedSource start(std::unique_ptr<SetpointSource> source, Requester requester) override;
  // A person's session, when the caller needs only the answer.
  std::future<CommandReply> start_session(std::unique_ptr<SetpointSource> source) override;
  std::future<CommandReply> pause() override;
  std::future<CommandReply> resume() override;
  std::future<CommandReply> stop_session() override;
  std::future<CommandReply> extend_session() override;
  std::future<CommandReply> use_calibration(safety::Calibration calibration) override;
  // Brings the actuators into their safe state; answered once they report it, or cannot.
  std::future<CommandReply> shut_down() override;

  [[nodiscard]] ChairStatus status() const override { return board_.status(); }
  // The supervisor's latest decision on a session's setpoint (none before the first).
  [[nodiscard]] std::optional<safety::Decision> last_decision() const override {
    return board_.last_decision();
  }
  // Time left in the session; zero when none runs.
  [[nodiscard]] std::chrono::nanoseconds session_remaining() const override {
    return board_.session_remaining();
  }
  // Called on the loop's thread whenever the status changes.
  void on_status_change(std::function<void(const ChairStatus&)> listener) override {
    board_.on_change(std::move(listener));
  }

 private:
  struct Parking {
    SetpointRequest request;
    hal::Clock::time_point since;
  };
  using time_point = hal::Clock::time_point;

  // The cycle's parts.
  void supervise(time_point now);
  void take_emergency_stop(time_point now);
  void carry_out_commands(time_point now);
  void carry_out(PendingCommand& pending, time_point now);
  void advance(time_point now);
  void advance_homing(time_point now);
  void advance_parking(time_point now);
  void advance_session(time_point now);
  void advance_release(time_point now);

  // Commands.
  void begin_reset(std::promise<CommandReply>& reply, time_point now);
  [[nodiscard]] std::optional<std::string> reset_refusal() const;
  CommandReply start_source(StartSession& command, time_point now);
  CommandReply pause_session(time_point now);
  CommandReply resume_session(time_point now);
  CommandReply stop(time_point now);
  CommandReply extend();
  CommandReply calibrate(UseCalibration& command);
  void begin_shutdown(std::promise<CommandReply>& reply, time_point now);

  // Transitions.
  void enter(ChairState state, std::string cause, time_point now);
  void enter_latched(ChairState state, std::string cause, std::optional<safety::Fault> fault,
                     time_point now);
  void enter_homing(time_point now);
  void begin_parking(time_point now);
  void begin_release(std::string cause, time_point now);
  void stand_down();
  void drop_session();
  void apply(const safety::Decision& decision);

  [[nodiscard]] ChairState state() const { return board_.current().state; }
  [[nodiscard]] bool watching_faults() const;

  hal::ChairDrives* drives_;
  const hal::Clock* clock_;
  RollerCarriage carriage_;
  safety::Supervisor supervisor_;
  safety::FaultWatch faults_;
  DriveStartup startup_;
  EmergencyStopLatch latch_;
  ActuatorShutdown shutdown_;
  SessionRunner session_;
  Mailbox mailbox_;
  StatusBoard board_;
  std::atomic<std::uint64_t> tokens_given_{0};

  // The loop thread's own state.
  ChairMeasurement measured_;
  std::optional<safety::Fault> cycle_fault_;  // what the fault watch found this cycle
  bool ever_homed_ = false;
  std::optional<HomingSequence> homing_;
  std::optional<Parking> parking_;
  std::optional<safety::Decision> rest_;  // held while paused or releasing
  std::string last_command_error_;
};

}  // namespace control
