#pragma once

#include <cstdint>
#include <optional>

#include "profile/actuator_profile.hpp"
#include "profile/register_image.hpp"

// Translation between a drive's registers and engineering values, for one axis kind of one
// profile. This is the edge where counts become millimetres, newtons and rpm: positions are
// mm (linear) or degrees (rotary), velocities mm/s or rpm, accelerations mm/s² or rpm/s,
// forces N, currents mA, temperatures °C, times ms. The HAL uses it to write commands and read
// status; the simulator uses it the other way round.
namespace hal {

struct ControlWord {
  bool enable = false;
  bool halt = false;
  bool quick_stop = false;
  bool fault_reset = false;
  bool home = false;
  DriveMode mode = DriveMode::position;
  bool operator==(const ControlWord&) const = default;
};

struct StatusFlags {
  bool ready = false, enabled = false, moving = false, target_reached = false, homed = false,
       fault = false, force_limited = false, homing = false, at_min = false, at_max = false,
       comm_lost = false;
  bool operator==(const StatusFlags&) const = default;
};

// The command block (CONTROL, SETPOINT, HEARTBEAT) in engineering values. The setpoint's unit
// follows the mode: a position, a velocity, or a force.
struct DriveCommandValues {
  ControlWord control;
  double setpoint = 0.0;
  std::uint16_t heartbeat = 0;
};

// The status block in engineering values.
struct DriveStatusValues {
  StatusFlags flags;
  double position = 0.0;
  double velocity = 0.0;
  double force = 0.0;
  double current = 0.0;
  std::uint16_t alarm = 0;
  std::uint16_t heartbeat_echo = 0;
  double temperature = 0.0;
};

enum class Quantity { position, velocity, acceleration, force, current, temperature, time };

class DriveCodec {
 public:
  DriveCodec(const ActuatorProfile& profile, AxisKind kind);

  [[nodiscard]] const ActuatorProfile& profile() const { return *profile_; }
  [[nodiscard]] AxisKind kind() const { return kind_; }

  // Engineering units per count for a quantity on this axis kind.
  [[nodiscard]] double scale(Quantity q) const;
  [[nodiscard]] double setpoint_scale(DriveMode mode) const;
  // Rounded to the nearest count.
  [[nodiscard]] std::int64_t to_counts(double value, Quantity q) const;
  [[nodiscard]] double from_counts(std::int64_t counts, Quantity q) const;

  [[nodiscard]] std::uint16_t encode_control(const ControlWord& control) const;
  // Returns nullopt when the mode field holds a value the profile does not define.
  [[nodiscard]] std::optional<ControlWord> decode_control(std::uint16_t raw) const;
  [[nodiscard]] std::uint16_t encode_flags(const StatusFlags& flags) const;
  [[nodiscard]] StatusFlags decode_flags(std::uint16_t raw) const;

  // Throws std::out_of_range when the setpoint does not fit its register.
  [[nodiscard]] RegisterImage encode_command(const DriveCommandValues& command) const;
  [[nodiscard]] RegisterImage encode_status(const DriveStatusValues& status) const;
  [[nodiscard]] DriveStatusValues decode_status(const RegisterImage& image) const;

 private:
  const ActuatorProfile* profile_;
  AxisKind kind_;
};

}  // namespace hal
