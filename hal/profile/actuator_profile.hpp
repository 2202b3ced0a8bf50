#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "profile/axis_kind.hpp"

// An actuator profile: everything the controller and the simulator know about a drive's
// Modbus interface, loaded from TOML (config/profiles/*.toml). No register address, width,
// scale or bit position appears in code; a drive of another vendor is a new profile file.
namespace hal {

enum class WordOrder { high_word_first, low_word_first };

// One value in the register map: one or two 16-bit holding registers.
struct RegisterSpec {
  std::uint16_t address = 0;
  std::uint8_t words = 1;  // 1 or 2
  bool is_signed = false;

  [[nodiscard]] std::uint16_t end() const { return static_cast<std::uint16_t>(address + words); }
};

// A contiguous range of registers, such as the command block written each cycle.
struct RegisterRange {
  std::uint16_t start = 0;
  std::uint16_t count = 0;

  [[nodiscard]] bool contains(const RegisterSpec& spec) const {
    return spec.address >= start && spec.end() <= start + count;
  }
};

struct IdentityRegisters {
  RegisterSpec map_id, map_version, axis_kind, capabilities, firmware, range_max;
  // A drive without a serial number register cannot be told from another of its kind: the
  // daemon then cannot notice that such a drive was replaced (docs/calibration.md).
  std::optional<RegisterSpec> serial;
};
struct CommandRegisters {
  RegisterSpec control, setpoint, heartbeat, velocity_limit, force_limit, accel_limit;
};
struct StatusRegisters {
  RegisterSpec status, position, velocity, force, current, alarm, heartbeat_echo, temperature;
};
struct ConfigurationRegisters {
  RegisterSpec comm_timeout, comm_loss_action, soft_min, soft_max, stall_current;
};

// Engineering units per register count. Linear axes: mm, mm/s, mm/s²; rotary: degrees, rpm,
// rpm/s; force N; current mA; temperature °C; time ms.
struct Scales {
  double linear_position = 0.1, linear_velocity = 0.1, linear_acceleration = 1.0;
  double rotary_position = 0.1, rotary_velocity = 0.1, rotary_acceleration = 1.0;
  double force = 0.1, current = 1.0, temperature = 0.1, time_ms = 1.0;
};

// Bit numbers in CONTROL; the mode is a field of `mode_width` bits at `mode_shift`.
struct ControlBits {
  unsigned enable = 0, halt = 1, quick_stop = 2, fault_reset = 3, home = 4;
  unsigned mode_shift = 8, mode_width = 2;
  std::map<DriveMode, std::uint16_t> mode_values;
};

struct StatusBits {
  unsigned ready = 0, enabled = 1, moving = 2, target_reached = 3, homed = 4, fault = 5,
           force_limited = 6, homing = 7, at_min = 8, at_max = 9, comm_lost = 10;
};

struct CapabilityBits {
  unsigned position_mode = 0, velocity_mode = 1, force_mode = 2, force_sensor = 3, homing = 4;
};

// What an alarm means to the controller, whatever the vendor calls it.
enum class AlarmKind {
  stall,
  over_temperature,
  following_error,
  encoder,
  communication_loss,
  end_stop,
  under_voltage,
  force_overload,
  not_homed,
  other
};

// The names profiles (and the simulator's control socket) use for alarm kinds:
// "stall", "over_temperature", ... "other".
inline constexpr std::array<std::pair<std::string_view, AlarmKind>, 10> kAlarmKindKeys{{
    {"stall", AlarmKind::stall},
    {"over_temperature", AlarmKind::over_temperature},
    {"following_error", AlarmKind::following_error},
    {"encoder", AlarmKind::encoder},
    {"communication_loss", AlarmKind::communication_loss},
    {"end_stop", AlarmKind::end_stop},
    {"under_voltage", AlarmKind::under_voltage},
    {"force_overload", AlarmKind::force_overload},
    {"not_homed", AlarmKind::not_homed},
    {"other", AlarmKind::other},
}};

constexpr std::string_view alarm_kind_key(AlarmKind kind) {
  for (const auto& [key, k] : kAlarmKindKeys) {
    if (k == kind) return key;
  }
  return "other";
}

constexpr std::optional<AlarmKind> alarm_kind_from_key(std::string_view key) {
  for (const auto& [k, kind] : kAlarmKindKeys) {
    if (k == key) return kind;
  }
  return std::nullopt;
}

struct AlarmSpec {
  std::uint16_t code = 0;
  std::string name;  // the vendor's name, shown to technicians
  AlarmKind kind = AlarmKind::other;
};

enum class CommLossAction { none, halt, quick_stop };

struct ActuatorProfile {
  std::string name;
  std::uint16_t map_id = 0;       // the value MAP_ID must read
  std::uint16_t map_version = 0;  // the value MAP_VERSION must read
  WordOrder word_order = WordOrder::high_word_first;
  std::set<std::uint8_t> function_codes;  // those the drive answers
  std::map<AxisKind, std::uint16_t> axis_kind_codes;

  IdentityRegisters identity;
  CommandRegisters command;
  StatusRegisters status;
  ConfigurationRegisters configuration;
  Scales scales;
  ControlBits control_bits;
  StatusBits status_bits;
  CapabilityBits capability_bits;
  std::vector<AlarmSpec> alarms;
  std::map<CommLossAction, std::uint16_t> comm_loss_actions;

  // Written in one transaction each cycle: CONTROL, SETPOINT and HEARTBEAT, contiguous.
  RegisterRange command_block;
  // Read in one transaction each cycle: every status register, contiguous.
  RegisterRange status_block;
  RegisterRange identity_block;

  [[nodiscard]] bool has_function(std::uint8_t code) const { return function_codes.contains(code); }
  [[nodiscard]] const AlarmSpec* alarm(std::uint16_t code) const;
  [[nodiscard]] std::optional<AxisKind> axis_kind_of(std::uint16_t code) const;
};

}  // namespace hal
