#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clock/clock.hpp"
#include "daemon/control/chair_command.hpp"
#include "daemon/control/chair_state.hpp"
#include "daemon/control/homing_sequence.hpp"
#include "daemon/control/roller_carriage.hpp"
#include "daemon/model/calibration.hpp"
#include "daemon/model/chair_measurement.hpp"
#include "daemon/model/setpoint_source.hpp"
#include "daemon/safety/decision.hpp"
#include "daemon/safety/fault_watch.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "daemon/safety/supervisor.hpp"
#include "modbus/chair_drives.hpp"

// The chair's controller: owns the chair's state machine and, once per control cycle, reads
// every axis, watches for faults, carries out clients' commands, asks the active setpoint source
// what to do, has the supervisor review it and hands the result to the drives. It starts the
// drives (connect, check, activate), homes and parks the rollers after the start-up reset, and
// puts the chair into its safe state (quick stop: the rollers retract, kneading and tapping
// stop) within the cycle that finds a fault. It never resumes a session by itself.
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

class ChairController {
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
  void emergency_stop(std::string_view source);

  std::future<CommandReply> reset();
  std::future<CommandReply> start_session(std::unique_ptr<SetpointSource> source);
  std::future<CommandReply> pause();
  std::future<CommandReply> resume();
  std::future<CommandReply> stop_session();
  std::future<CommandReply> extend_session();
  std::future<CommandReply> use_calibration(safety::Calibration calibration);
  // Brings the actuators into their safe state; answered once they report it, or cannot.
  std::future<CommandReply> shut_down();

  [[nodiscard]] ChairStatus status() const;
  // The supervisor's latest decision on a session's setpoint (none before the first).
  [[nodiscard]] std::optional<safety::Decision> last_decision() const;
  // Time left in the session; zero when none runs.
  [[nodiscard]] std::chrono::nanoseconds session_remaining() const;
  // Called on the loop's thread whenever the status changes.
  void on_status_change(std::function<void(const ChairStatus&)> listener);

 private:
  struct PendingReset {
    enum class Phase { clearing_alarms, enabling } phase = Phase::clearing_alarms;
    hal::Clock::time_point deadline;
    std::promise<CommandReply> reply;
  };
  struct PendingShutdown {
    hal::Clock::time_point deadline;
    std::promise<CommandReply> reply;
  };

  std::future<CommandReply> submit(ChairCommand command);

  // The cycle's parts.
  void start_drives(hal::Clock::time_point now);
  void take_emergency_stop(hal::Clock::time_point now);
  void carry_out_commands(hal::Clock::time_point now);
  void advance(hal::Clock::time_point now);
  void advance_homing(hal::Clock::time_point now);
  void advance_session(hal::Clock::time_point now);
  void advance_release(hal::Clock::time_point now);
  void advance_parking(hal::Clock::time_point now);
  void begin_parking(hal::Clock::time_point now);
  void advance_reset(hal::Clock::time_point now);
  void advance_shutdown(hal::Clock::time_point now);

  // Commands.
  void begin_reset(std::promise<CommandReply>& reply, hal::Clock::time_point now);
  CommandReply start(StartSession& command, hal::Clock::time_point now);
  CommandReply pause_session(hal::Clock::time_point now);
  CommandReply resume_session(hal::Clock::time_point now);
  CommandReply stop(hal::Clock::time_point now);
  CommandReply extend();
  CommandReply calibrate(UseCalibration& command);
  void begin_shutdown(std::promise<CommandReply>& reply, hal::Clock::time_point now);

  // Transitions.
  void enter(ChairState state, std::string cause, hal::Clock::time_point now);
  void enter_latched(ChairState state, std::string cause, std::optional<safety::Fault> fault,
                     hal::Clock::time_point now);
  void begin_release(std::string cause, hal::Clock::time_point now);
  void drop_session();
  void apply(const safety::Decision& decision);
  void refuse_pending_reset(const std::string& why);

  void publish();
  [[nodiscard]] ChairState state() const { return status_.state; }
  [[nodiscard]] bool all_active() const;
  [[nodiscard]] bool watching_faults() const;
  [[nodiscard]] std::optional<std::string> alarms_standing() const;

  hal::ChairDrives* drives_;
  const hal::Clock* clock_;
  ControllerSettings settings_;
  RollerCarriage carriage_;
  safety::Supervisor supervisor_;
  safety::FaultWatch faults_;

  // The loop thread's own state.
  ChairMeasurement measured_;
  std::optional<hal::Clock::time_point> last_cycle_at_;
  std::optional<hal::Clock::time_point> next_connect_at_;
  std::string last_connect_problem_;
  bool ever_active_ = false;
  bool ever_homed_ = false;
  std::optional<HomingSequence> homing_;
  struct Parking {
    SetpointRequest request;
    hal::Clock::time_point since;
  };
  std::optional<Parking> parking_;
  std::optional<safety::Decision> rest_;
  std::unique_ptr<SetpointSource> source_;
  std::chrono::nanoseconds source_run_time_{0};
  hal::Clock::time_point run_mark_{};         // run time is counted from here while running
  std::optional<safety::Fault> cycle_fault_;  // what the fault watch found this cycle
  bool status_changed_ = false;
  std::optional<PendingReset> reset_;
  std::optional<PendingShutdown> shutdown_;
  bool shutting_down_ = false;
  std::string last_command_error_;

  // Shared with other threads.
  std::atomic<bool> emergency_stop_requested_{false};
  mutable std::mutex shared_mutex_;
  std::string emergency_stop_source_;
  ChairStatus status_;
  std::optional<safety::Decision> last_decision_;
  std::chrono::nanoseconds session_remaining_{0};
  std::vector<PendingCommand> mailbox_;
  std::function<void(const ChairStatus&)> on_status_;
};

}  // namespace control
