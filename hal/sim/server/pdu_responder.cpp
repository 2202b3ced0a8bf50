#include "sim/server/pdu_responder.hpp"

#include <optional>

namespace sim {
namespace {

std::uint16_t word_at(std::span<const std::uint8_t> bytes, std::size_t offset) {
  return static_cast<std::uint16_t>((bytes[offset] << 8U) | bytes[offset + 1]);
}

void append_word(Pdu& pdu, std::uint16_t word) {
  pdu.push_back(static_cast<std::uint8_t>(word >> 8U));
  pdu.push_back(static_cast<std::uint8_t>(word & 0xFFU));
}

std::vector<std::uint16_t> words_at(std::span<const std::uint8_t> bytes, std::size_t offset,
                                    std::size_t count) {
  std::vector<std::uint16_t> words(count);
  for (std::size_t i = 0; i < count; ++i) words[i] = word_at(bytes, offset + 2 * i);
  return words;
}

// A range that runs past the last address cannot name registers at all.
bool range_fits(std::uint16_t address, std::uint16_t count) {
  return static_cast<std::uint32_t>(address) + count <= 0x10000U;
}

Pdu registers_answer(std::uint8_t function, std::span<const std::uint16_t> words) {
  Pdu pdu{function, static_cast<std::uint8_t>(2 * words.size())};
  for (const auto word : words) append_word(pdu, word);
  return pdu;
}

// Fixed-size requests (03, 06): function code + 4 bytes.
constexpr std::size_t kFixedRequestSize = 5;
// 16: function, address, quantity, byte count, then the values.
constexpr std::size_t kWriteMultipleHeader = 6;
// 23: function, read address, read quantity, write address, write quantity, byte count.
constexpr std::size_t kWriteReadHeader = 10;

// The values of a well-formed 16 request, or nothing.
std::optional<std::vector<std::uint16_t>> write_multiple_values(
    std::span<const std::uint8_t> request) {
  if (request.size() < kWriteMultipleHeader) return std::nullopt;
  const auto quantity = word_at(request, 3);
  const std::size_t byte_count = request[5];
  if (quantity == 0 || quantity > kMaxWriteQuantity || byte_count != 2U * quantity ||
      request.size() != kWriteMultipleHeader + byte_count) {
    return std::nullopt;
  }
  return words_at(request, kWriteMultipleHeader, quantity);
}

}  // namespace

Pdu exception_pdu(std::uint8_t function, ModbusException code) {
  return {static_cast<std::uint8_t>(function | 0x80U), static_cast<std::uint8_t>(code)};
}

Pdu PduResponder::answer(std::uint8_t unit, std::span<const std::uint8_t> request) {
  if (request.empty()) return {};
  const std::uint8_t function = request[0];
  if (!drives_->profile().has_function(function)) {
    return exception_pdu(function, ModbusException::illegal_function);
  }
  switch (function) {
    case function_code::read_holding_registers:
      return read(unit, request);
    case function_code::write_single_register:
      return write_single(unit, request);
    case function_code::write_multiple_registers:
      return write_multiple(unit, request);
    case function_code::write_and_read_registers:
      return write_and_read(unit, request);
    default:
      // A profile may list a code the simulator does not implement; the drive cannot do it.
      return exception_pdu(function, ModbusException::illegal_function);
  }
}

Pdu PduResponder::read(std::uint8_t unit, std::span<const std::uint8_t> request) {
  const std::uint8_t function = request[0];
  if (request.size() != kFixedRequestSize) {
    return exception_pdu(function, ModbusException::illegal_data_value);
  }
  const auto address = word_at(request, 1);
  const auto quantity = word_at(request, 3);
  if (quantity == 0 || quantity > kMaxReadQuantity) {
    return exception_pdu(function, ModbusException::illegal_data_value);
  }
  if (!range_fits(address, quantity)) {
    return exception_pdu(function, ModbusException::illegal_data_address);
  }
  std::vector<std::uint16_t> words;
  if (const auto refused = drives_->read(unit, address, quantity, words)) {
    return exception_pdu(function, *refused);
  }
  if (words.size() != quantity) {
    return exception_pdu(function, ModbusException::server_device_failure);
  }
  return registers_answer(function, words);
}

Pdu PduResponder::write_single(std::uint8_t unit, std::span<const std::uint8_t> request) {
  const std::uint8_t function = request[0];
  if (request.size() != kFixedRequestSize) {
    return exception_pdu(function, ModbusException::illegal_data_value);
  }
  const std::uint16_t value = word_at(request, 3);
  if (const auto refused = drives_->write(unit, word_at(request, 1), std::span(&value, 1))) {
    return exception_pdu(function, *refused);
  }
  return Pdu(request.begin(), request.end());  // the answer echoes the request
}

Pdu PduResponder::write_multiple(std::uint8_t unit, std::span<const std::uint8_t> request) {
  const std::uint8_t function = request[0];
  const auto values = write_multiple_values(request);
  if (!values) return exception_pdu(function, ModbusException::illegal_data_value);
  const auto address = word_at(request, 1);
  if (!range_fits(address, static_cast<std::uint16_t>(values->size()))) {
    return exception_pdu(function, ModbusException::illegal_data_address);
  }
  if (const auto refused = drives_->write(unit, address, *values)) {
    return exception_pdu(function, *refused);
  }
  return Pdu(request.begin(), request.begin() + 5);  // function, address, quantity
}

Pdu PduResponder::write_and_read(std::uint8_t unit, std::span<const std::uint8_t> request) {
  const std::uint8_t function = request[0];
  if (request.size() < kWriteReadHeader + 1) {
    return exception_pdu(function, ModbusException::illegal_data_value);
  }
  const auto read_address = word_at(request, 1);
  const auto read_quantity = word_at(request, 3);
  const auto write_address = word_at(request, 5);
  const auto write_quantity = word_at(request, 7);
  const std::size_t byte_count = request[9];
  if (read_quantity == 0 || read_quantity > kMaxReadQuantity || write_quantity == 0 ||
      write_quantity > kMaxWriteReadWriteQuantity || byte_count != 2U * write_quantity ||
      request.size() != kWriteReadHeader + byte_count) {
    return exception_pdu(function, ModbusException::illegal_data_value);
  }
  if (!range_fits(read_address, read_quantity) || !range_fits(write_address, write_quantity)) {
    return exception_pdu(function, ModbusException::illegal_data_address);
  }
  const auto values = words_at(request, kWriteReadHeader, write_quantity);
  std::vector<std::uint16_t> words;
  if (const auto refused =
          drives_->write_read(unit, write_address, values, read_address, read_quantity, words)) {
    return exception_pdu(function, *refused);
  }
  if (words.size() != read_quantity) {
    return exception_pdu(function, ModbusException::server_device_failure);
  }
  return registers_answer(function, words);
}

bool PduResponder::apply_broadcast(std::span<const std::uint8_t> request) {
  if (request.empty() || !drives_->profile().has_function(request[0])) return false;
  if (request[0] == function_code::write_single_register) {
    if (request.size() != kFixedRequestSize) return false;
    const std::uint16_t value = word_at(request, 3);
    drives_->broadcast_write(word_at(request, 1), std::span(&value, 1));
    return true;
  }
  if (request[0] == function_code::write_multiple_registers) {
    const auto values = write_multiple_values(request);
    if (!values) return false;
    const auto address = word_at(request, 1);
    if (!range_fits(address, static_cast<std::uint16_t>(values->size()))) return false;
    drives_->broadcast_write(address, *values);
    return true;
  }
  return false;
}

}  // namespace sim
