#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "profile/actuator_profile.hpp"

// The seam between the simulator's Modbus transports (TCP, RTU on a pseudo-terminal) and the
// simulated drives behind them. A transport parses frames and function codes; the drives
// answer register reads and writes as the actuator profile and the datasheet say.
namespace sim {

// Modbus exception codes a drive or gateway answers with.
enum class ModbusException : std::uint8_t {
  illegal_function = 0x01,
  illegal_data_address = 0x02,
  illegal_data_value = 0x03,
  server_device_failure = 0x04,
  gateway_target_failed = 0x0B,
};

class RegisterServer {
 public:
  virtual ~RegisterServer() = default;

  // The register map every unit is served with (function codes, addresses).
  [[nodiscard]] virtual const hal::ActuatorProfile& profile() const = 0;
  [[nodiscard]] virtual bool has_unit(std::uint8_t unit) const = 0;

  // Function 03. On success `out` holds `count` words.
  [[nodiscard]] virtual std::optional<ModbusException> read(std::uint8_t unit,
                                                            std::uint16_t address,
                                                            std::uint16_t count,
                                                            std::vector<std::uint16_t>& out) = 0;
  // Functions 06 and 16. All or nothing: a refused request changes no register.
  [[nodiscard]] virtual std::optional<ModbusException> write(
      std::uint8_t unit, std::uint16_t address, std::span<const std::uint16_t> words) = 0;
  // Function 23: the write is applied before the read, atomically with respect to the drive's
  // own motion; if the write is refused, nothing is read.
  [[nodiscard]] virtual std::optional<ModbusException> write_read(
      std::uint8_t unit, std::uint16_t write_address, std::span<const std::uint16_t> words,
      std::uint16_t read_address, std::uint16_t read_count, std::vector<std::uint16_t>& out) = 0;
  // Unit 0 on RTU: applied by every drive, answered by none.
  virtual void broadcast_write(std::uint16_t address, std::span<const std::uint16_t> words) = 0;
};

}  // namespace sim
