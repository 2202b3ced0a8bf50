#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "modbus/link_fault.hpp"
#include "result/expected.hpp"

// The Modbus master's side of the application layer, for links that carry bare PDUs (function
// code and data, without unit id, MBAP header or CRC): requests encoded byte for byte as on the
// wire, and answers checked as libmodbus checks them, so that a bad answer ends in the same
// LinkFault whichever link carried it.
namespace hal::pdu {

using Pdu = std::vector<std::uint8_t>;

// Modbus limits on quantities per request (Modbus Application Protocol V1.1b3, 6.3, 6.12, 6.17):
// a request above them is refused before it is sent, as libmodbus refuses it.
inline constexpr std::size_t kMaxReadQuantity = 125;
inline constexpr std::size_t kMaxWriteQuantity = 123;
inline constexpr std::size_t kMaxWriteReadWriteQuantity = 121;

using Request = result::Expected<Pdu, LinkFault>;

// Function 03: address, quantity.
[[nodiscard]] Request read_request(std::uint16_t address, std::size_t count);
// Function 06: address, value.
[[nodiscard]] Pdu write_single_request(std::uint16_t address, std::uint16_t value);
// Function 16: address, quantity, byte count, values.
[[nodiscard]] Request write_request(std::uint16_t address, std::span<const std::uint16_t> words);
// Function 23: read address, read quantity, write address, write quantity, byte count, values.
[[nodiscard]] Request write_read_request(std::uint16_t write_address,
                                         std::span<const std::uint16_t> words,
                                         std::uint16_t read_address, std::size_t read_count);

// Checks `answer` against the `request` it answers and, for 03 and 23, copies the registers
// read into `out` (sized as the request's read quantity). An empty answer is no answer: a
// timeout. An exception answer (the function code with bit 7 set, then the code) is a Modbus
// exception with its code; an answer with another function code, length, byte count or echo is
// a bad frame.
[[nodiscard]] result::Expected<void, LinkFault> take_answer(std::span<const std::uint8_t> request,
                                                            std::span<const std::uint8_t> answer,
                                                            std::span<std::uint16_t> out);

}  // namespace hal::pdu
