#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/register_server.hpp"

// The Modbus application layer both transports share: a request PDU (function code and data,
// without unit id, MBAP header or CRC) in, the answer PDU out. It checks the request's shape as
// the Modbus specification says and leaves registers and values to the drives.
namespace sim {

using Pdu = std::vector<std::uint8_t>;

// Function codes the simulator understands. Which of them a drive answers is the profile's say.
namespace function_code {
inline constexpr std::uint8_t read_holding_registers = 0x03;
inline constexpr std::uint8_t write_single_register = 0x06;
inline constexpr std::uint8_t write_multiple_registers = 0x10;
inline constexpr std::uint8_t write_and_read_registers = 0x17;
}  // namespace function_code

// Modbus limits on quantities per request (Modbus Application Protocol V1.1b3, 6.3, 6.12, 6.17).
inline constexpr std::uint16_t kMaxReadQuantity = 125;
inline constexpr std::uint16_t kMaxWriteQuantity = 123;
inline constexpr std::uint16_t kMaxWriteReadWriteQuantity = 121;

// An exception answer: the function code with bit 7 set, then the exception code.
[[nodiscard]] Pdu exception_pdu(std::uint8_t function, ModbusException code);

class PduResponder {
 public:
  explicit PduResponder(RegisterServer& drives) : drives_(&drives) {}

  // The answer of drive `unit` to `request`. Exception 01 for a function code the profile does
  // not list; 03 for a malformed request (wrong length or byte count, quantity 0 or too large);
  // the drives' own exceptions otherwise. An empty request has no function code to answer
  // with and gets an empty answer, meaning "say nothing".
  [[nodiscard]] Pdu answer(std::uint8_t unit, std::span<const std::uint8_t> request);

  // A broadcast (unit 0, RTU only): functions 06 and 16 are applied by every drive and answered
  // by none. Returns false, and changes nothing, for any other or any malformed request.
  bool apply_broadcast(std::span<const std::uint8_t> request);

 private:
  Pdu read(std::uint8_t unit, std::span<const std::uint8_t> request);
  Pdu write_single(std::uint8_t unit, std::span<const std::uint8_t> request);
  Pdu write_multiple(std::uint8_t unit, std::span<const std::uint8_t> request);
  Pdu write_and_read(std::uint8_t unit, std::span<const std::uint8_t> request);

  RegisterServer* drives_;
};

}  // namespace sim
