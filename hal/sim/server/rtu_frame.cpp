#include "sim/server/rtu_frame.hpp"

#include "sim/server/crc16.hpp"

namespace sim {
namespace {

// Unit id + function code + 4 bytes + CRC.
constexpr std::size_t kFixedFrameSize = 8;
// 16: unit, function, address, quantity, byte count | values | CRC.
constexpr std::size_t kWriteMultipleByteCountAt = 6;
constexpr std::size_t kWriteMultipleOverhead = 9;
// 23: unit, function, read address, read quantity, write address, write quantity, byte count.
constexpr std::size_t kWriteReadByteCountAt = 10;
constexpr std::size_t kWriteReadOverhead = 13;

}  // namespace

bool rtu_request_has_known_length(std::uint8_t function) {
  return function == function_code::read_holding_registers ||
         function == function_code::write_single_register ||
         function == function_code::write_multiple_registers ||
         function == function_code::write_and_read_registers;
}

std::optional<std::size_t> rtu_request_length(std::span<const std::uint8_t> received) {
  if (received.size() < 2) return std::nullopt;
  switch (received[1]) {
    case function_code::read_holding_registers:
    case function_code::write_single_register:
      return kFixedFrameSize;
    case function_code::write_multiple_registers:
      if (received.size() <= kWriteMultipleByteCountAt) return std::nullopt;
      return kWriteMultipleOverhead + received[kWriteMultipleByteCountAt];
    case function_code::write_and_read_registers:
      if (received.size() <= kWriteReadByteCountAt) return std::nullopt;
      return kWriteReadOverhead + received[kWriteReadByteCountAt];
    default:
      return std::nullopt;
  }
}

bool rtu_crc_matches(std::span<const std::uint8_t> frame) {
  if (frame.size() < 4) return false;
  const auto body = frame.first(frame.size() - 2);
  const std::uint16_t sent =
      static_cast<std::uint16_t>(frame[frame.size() - 2] | (frame[frame.size() - 1] << 8U));
  return crc16_modbus(body) == sent;
}

std::vector<std::uint8_t> rtu_frame(std::uint8_t unit, const Pdu& pdu, bool break_crc) {
  std::vector<std::uint8_t> frame;
  frame.reserve(pdu.size() + 3);
  frame.push_back(unit);
  frame.insert(frame.end(), pdu.begin(), pdu.end());
  std::uint16_t crc = crc16_modbus(frame);
  if (break_crc) crc = static_cast<std::uint16_t>(~crc);
  frame.push_back(static_cast<std::uint8_t>(crc & 0xFFU));
  frame.push_back(static_cast<std::uint8_t>(crc >> 8U));
  return frame;
}

}  // namespace sim
