#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "profile/drive_codec.hpp"
#include "sim/chair/axis_mechanics.hpp"
#include "sim/chair/axis_truth.hpp"
#include "sim/chair/held_registers.hpp"
#include "sim/chair/motor.hpp"
#include "sim/chair/register_map.hpp"
#include "sim/register_server.hpp"

// One RA-1 drive and the axis it moves, as the datasheet describes them: its registers (through
// the actuator profile), its state machine (enable, halt, quick stop, homing, faults, the
// communication watchdog) and its motion (trapezoidal moves, velocity and force modes, end
// stops, motor current and temperature). Not thread-safe: the chair serialises access.
namespace sim {

struct DriveIdentity {
  std::uint32_t serial = 0;
  std::uint16_t firmware = 0;  // major × 256 + minor
};

// What the drive senses from outside its own mechanism.
struct DriveSenses {
  double force_reading = 0.0;  // N, the load cell's raw reading (depth axis)
  double load_force = 0.0;     // N truly on the rollers, which the depth motor carries
};

class SimulatedDrive {
 public:
  // `position` is where the mechanism stands at power-up (mm, or degrees of phase).
  SimulatedDrive(const hal::ActuatorProfile& profile, const RegisterMap& map, hal::AxisKind kind,
                 DriveIdentity identity, double position, double ambient_celsius);

  [[nodiscard]] hal::AxisKind kind() const { return codec_.kind(); }

  // Register access, as RegisterServer describes it for one unit.
  [[nodiscard]] std::optional<ModbusException> check_read(std::uint16_t address,
                                                          std::uint16_t count) const;
  [[nodiscard]] std::optional<ModbusException> read(std::uint16_t address, std::uint16_t count,
                                                    std::vector<std::uint16_t>& out) const;
  [[nodiscard]] std::optional<ModbusException> write(std::uint16_t address,
                                                     std::span<const std::uint16_t> words,
                                                     std::chrono::nanoseconds now);

  void sense(const DriveSenses& senses) { senses_ = senses; }
  // Advances the drive and its axis by `dt`; `now` is the simulated time at the step's end.
  void step(std::chrono::nanoseconds dt, std::chrono::nanoseconds now);

  // Power cycle: not enabled, not homed, command registers as at power-up; configuration,
  // position and temperature kept.
  void reboot(std::chrono::nanoseconds now);
  // The axis blocked (entangled, jammed): it cannot move and, while powered, draws the current
  // of a blocked motor.
  void set_blocked(bool blocked) { blocked_ = blocked; }
  // An alarm as if the drive had detected it.
  void raise_alarm(hal::AlarmKind kind);
  void set_motor_temperature(double celsius) { motor_.set_temperature(celsius); }

  // The mechanism's true position: mm (linear), degrees of phase (rotary).
  [[nodiscard]] double true_position() const { return position_; }
  [[nodiscard]] AxisTruth truth() const;

 private:
  enum class StopPhase { none, braking, retracting };
  enum class StopCause { disable, fault, quick_stop };

  // registers
  [[nodiscard]] std::int64_t identity_counts(DriveRegister id) const;
  [[nodiscard]] hal::DriveStatusValues status_values() const;
  void apply_write(const HeldRegisters& candidate, std::span<const DriveRegister> written,
                   std::chrono::nanoseconds now);
  void on_control(const hal::ControlWord& before, std::chrono::nanoseconds now);
  void on_setpoint();

  // state machine
  void try_enable(std::chrono::nanoseconds now);
  void try_fault_reset(std::chrono::nanoseconds now);
  void start_homing();
  void start_stop(StopCause cause, double decel);
  void finish_stop();
  void hold_still();  // re-sync the targets to where the axis is: no jump to a stale target
  [[nodiscard]] bool alarm_cause_present() const;
  [[nodiscard]] bool powered() const;

  // motion, per step (units: mm or degrees, per second)
  void command_velocity(double dt);
  void command_stop(double dt);
  void command_mode(double dt);
  void limit_force();
  void move(double dt);
  void watch(double dt, std::chrono::nanoseconds now);

  // engineering values of the held registers, in mm/s or deg/s
  [[nodiscard]] double speed_limit() const;
  [[nodiscard]] double accel_limit() const;
  [[nodiscard]] double max_speed() const;
  [[nodiscard]] double max_accel() const;
  [[nodiscard]] double force_limit() const;
  [[nodiscard]] double reported_position() const;
  [[nodiscard]] double position_error() const;
  [[nodiscard]] bool target_reached() const;
  [[nodiscard]] double soft_limit_speed(double wanted, double dt) const;

  hal::DriveCodec codec_;
  const RegisterMap* map_;
  const AxisMechanics* mechanics_;
  DriveIdentity identity_;
  HeldRegisters held_;
  hal::ControlWord control_;
  Motor motor_;
  DriveSenses senses_;

  // the mechanism
  double position_;              // true: mm, or degrees of phase in [0, 360)
  double velocity_ = 0.0;        // mm/s or deg/s
  double encoder_offset_ = 0.0;  // reported position = true position - offset (linear)
  bool blocked_ = false;
  bool pushing_ = false;  // the drive pushes against a blockage or an end stop

  // the drive's state
  bool enabled_ = false;
  bool homed_ = false;
  bool homing_ = false;
  bool fault_ = false;
  bool comm_lost_ = false;
  bool force_limited_ = false;
  std::optional<hal::AlarmKind> alarm_;
  std::uint16_t alarm_code_ = 0;
  StopPhase stop_ = StopPhase::none;
  StopCause stop_cause_ = StopCause::disable;
  double stop_decel_ = 0.0;
  double target_position_ = 0.0;    // reported frame
  double target_velocity_ = 0.0;    // mm/s or deg/s
  double target_force_ = 0.0;       // N
  double over_current_time_ = 0.0;  // s
  std::chrono::nanoseconds last_sign_of_life_{0};
};

}  // namespace sim
