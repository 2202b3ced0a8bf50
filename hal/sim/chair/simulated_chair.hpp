#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "sim/chair/axis_truth.hpp"
#include "sim/chair/chair_config.hpp"
#include "sim/chair/load_cell.hpp"
#include "sim/chair/register_map.hpp"
#include "sim/chair/seated_body.hpp"
#include "sim/chair/simulated_drive.hpp"
#include "sim/observer/safety_observer.hpp"
#include "sim/register_server.hpp"

// A whole simulated chair: five drives (travel, width, depth, knead, tap) serving the actuator
// profile's register map at their unit ids, the mechanism they move, the person seated in it and
// the depth axis's load cell, and a safety observer that watches them all. Time passes only through
// advance(), in fixed 1 ms steps, so a test can run a 15-second homing in stepped time and get the
// same result every run. Every public method is thread-safe: transports and a physics thread may
// call in concurrently.
namespace sim {

class SimulatedChair final : public RegisterServer {
 public:
  // The physics step. advance() carries any remainder below one step to its next call.
  static constexpr std::chrono::nanoseconds kStep = std::chrono::milliseconds(1);

  // Throws std::invalid_argument when the configuration is unusable (see check_chair_config).
  explicit SimulatedChair(ChairConfig config);

  // ---- RegisterServer ----
  [[nodiscard]] const hal::ActuatorProfile& profile() const override { return config_.profile; }
  [[nodiscard]] bool has_unit(std::uint8_t unit) const override;
  // A unit without a drive answers gateway_target_failed (a transport should ask has_unit).
  [[nodiscard]] std::optional<ModbusException> read(std::uint8_t unit, std::uint16_t address,
                                                    std::uint16_t count,
                                                    std::vector<std::uint16_t>& out) override;
  [[nodiscard]] std::optional<ModbusException> write(std::uint8_t unit, std::uint16_t address,
                                                     std::span<const std::uint16_t> words) override;
  [[nodiscard]] std::optional<ModbusException> write_read(std::uint8_t unit,
                                                          std::uint16_t write_address,
                                                          std::span<const std::uint16_t> words,
                                                          std::uint16_t read_address,
                                                          std::uint16_t read_count,
                                                          std::vector<std::uint16_t>& out) override;
  // Only the command registers may be broadcast (the datasheet: "on the command block"); each
  // drive applies it if it accepts it, and nobody answers.
  void broadcast_write(std::uint16_t address, std::span<const std::uint16_t> words) override;

  // ---- time ----
  void advance(std::chrono::nanoseconds duration);
  // Simulated time of the physics (whole steps).
  [[nodiscard]] std::chrono::nanoseconds now() const;

  // ---- the scene ----
  // Blocks an axis as if jammed or entangled: it cannot move and, while powered, draws the
  // current of a blocked motor.
  void set_stalled(hal::AxisKind axis, bool stalled);
  // Raises an alarm on a drive as if it had detected it; ALARM shows the profile's code for
  // it. Throws std::invalid_argument when the profile defines no alarm of that kind.
  void raise_alarm(hal::AxisKind axis, hal::AlarmKind kind);
  void set_motor_temperature(hal::AxisKind axis, units::Celsius temperature);
  // Power-cycles one drive: not enabled, not homed, configuration registers kept.
  void reboot(hal::AxisKind axis);
  // Another drive of the same kind put in place of one, as a technician swaps a drive: its own
  // serial number, powered up (not enabled, not homed), its configuration registers as shipped;
  // the mechanism stays where it stands.
  void replace_drive(hal::AxisKind axis, std::uint32_t serial);
  // Someone else sits down (or nobody: body.seated = false). Throws std::invalid_argument for
  // an implausible body.
  void seat(BodyConfig body);
  [[nodiscard]] BodyConfig body() const;
  // A known force pressed on the rollers by a technician (meant with nobody seated).
  void place_reference_load(units::Newtons load);
  void remove_reference_load();

  // ---- the truth ----
  [[nodiscard]] AxisTruth axis(hal::AxisKind axis) const;
  [[nodiscard]] ForceTruth force() const;
  // The tension of each configured nodule: 1 taut, SeatedBody::kReleasedTension released.
  [[nodiscard]] std::vector<double> nodule_tension() const;
  [[nodiscard]] std::uint8_t unit_of(hal::AxisKind axis) const;

  // ---- the safety observer ----
  // What the chair's own safety observer saw so far (sim/observer/safety_observer.hpp): it
  // watches every physics step; empty when nothing unsafe happened.
  [[nodiscard]] std::vector<Finding> observer_findings() const;
  // Whether it saw the seated person's back scanned since they sat down.
  [[nodiscard]] bool observer_saw_body_scan() const;
  // Findings beyond what it keeps (a run gone wrong from the start), counted.
  [[nodiscard]] std::size_t observer_dropped() const;
  // Told of each finding as it begins, from the physics step (under the chair's lock).
  void set_observer_listener(FindingLog::Listener listener);

 private:
  [[nodiscard]] SimulatedDrive* drive_at(std::uint8_t unit);
  [[nodiscard]] SimulatedDrive& drive(hal::AxisKind axis);
  [[nodiscard]] const SimulatedDrive& drive(hal::AxisKind axis) const;
  [[nodiscard]] RollerPlace roller_place() const;
  void step();         // one kStep of physics; the lock is held
  void sense_force();  // refresh the force truth, the load-cell reading and what the drive senses
  void observe();      // show the observer this step's world

  mutable std::mutex mutex_;
  ChairConfig config_;
  RegisterMap map_;
  std::vector<SimulatedDrive> drives_;  // in hal::kAllAxisKinds order
  SeatedBody body_;
  LoadCell load_cell_;
  units::Newtons reference_load_{0.0};
  units::Newtons contact_{0.0};
  units::Newtons reading_{0.0};
  std::chrono::nanoseconds now_{0};
  std::chrono::nanoseconds pending_{0};
  SafetyObserver observer_;
};

}  // namespace sim
