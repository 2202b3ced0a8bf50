#include "modbus/pdu_codec.hpp"

#include <modbus/modbus.h>

#include <algorithm>
#include <cerrno>

namespace hal::pdu {
namespace {

constexpr std::uint8_t kExceptionBit = 0x80;

void append_word(Pdu& pdu, std::uint16_t word) {
  pdu.push_back(static_cast<std::uint8_t>(word >> 8U));
  pdu.push_back(static_cast<std::uint8_t>(word & 0xFFU));
}

std::uint16_t word_at(std::span<const std::uint8_t> bytes, std::size_t offset) {
  return static_cast<std::uint16_t>((bytes[offset] << 8U) | bytes[offset + 1]);
}

// The faults libmodbus reports, by the errno it leaves: one classification for every link.
result::Unexpected<LinkFault> fault(int error_number) {
  return result::unexpected(link_fault_from_errno(error_number));
}

result::Expected<void, LinkFault> take_exception(std::span<const std::uint8_t> request,
                                                 std::span<const std::uint8_t> answer) {
  if (answer.size() != 2 || (answer[0] & ~kExceptionBit) != request[0]) return fault(EMBBADEXC);
  const std::uint8_t code = answer[1];
  // libmodbus knows codes 01 to 0B; any other is a malformed exception.
  if (code == 0 || code >= MODBUS_EXCEPTION_MAX) return fault(EMBBADEXC);
  return fault(static_cast<int>(MODBUS_ENOBASE + code));
}

result::Expected<void, LinkFault> take_registers(std::span<const std::uint8_t> answer,
                                                 std::span<std::uint16_t> out) {
  const std::size_t bytes = 2 * out.size();
  if (answer.size() != 2 + bytes || answer[1] != bytes) return fault(EMBBADDATA);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = word_at(answer, 2 + 2 * i);
  return {};
}

// 06 echoes its whole request, 16 its address and quantity.
result::Expected<void, LinkFault> take_echo(std::span<const std::uint8_t> request,
                                            std::span<const std::uint8_t> answer) {
  constexpr std::size_t kEcho = 5;
  if (request.size() < kEcho || answer.size() != kEcho ||
      !std::equal(answer.begin(), answer.end(), request.begin())) {
    return fault(EMBBADDATA);
  }
  return {};
}

}  // namespace

Request read_request(std::uint16_t address, std::size_t count) {
  if (count == 0 || count > kMaxReadQuantity) return fault(EMBMDATA);
  Pdu pdu{MODBUS_FC_READ_HOLDING_REGISTERS};
  append_word(pdu, address);
  append_word(pdu, static_cast<std::uint16_t>(count));
  return pdu;
}

Pdu write_single_request(std::uint16_t address, std::uint16_t value) {
  Pdu pdu{MODBUS_FC_WRITE_SINGLE_REGISTER};
  append_word(pdu, address);
  append_word(pdu, value);
  return pdu;
}

Request write_request(std::uint16_t address, std::span<const std::uint16_t> words) {
  if (words.empty() || words.size() > kMaxWriteQuantity) return fault(EMBMDATA);
  Pdu pdu{MODBUS_FC_WRITE_MULTIPLE_REGISTERS};
  append_word(pdu, address);
  append_word(pdu, static_cast<std::uint16_t>(words.size()));
  pdu.push_back(static_cast<std::uint8_t>(2 * words.size()));
  for (const auto word : words) append_word(pdu, word);
  return pdu;
}

Request write_read_request(std::uint16_t write_address, std::span<const std::uint16_t> words,
                           std::uint16_t read_address, std::size_t read_count) {
  if (words.empty() || words.size() > kMaxWriteReadWriteQuantity || read_count == 0 ||
      read_count > kMaxReadQuantity) {
    return fault(EMBMDATA);
  }
  Pdu pdu{MODBUS_FC_WRITE_AND_READ_REGISTERS};
  append_word(pdu, read_address);
  append_word(pdu, static_cast<std::uint16_t>(read_count));
  append_word(pdu, write_address);
  append_word(pdu, static_cast<std::uint16_t>(words.size()));
  pdu.push_back(static_cast<std::uint8_t>(2 * words.size()));
  for (const auto word : words) append_word(pdu, word);
  return pdu;
}

result::Expected<void, LinkFault> take_answer(std::span<const std::uint8_t> request,
                                              std::span<const std::uint8_t> answer,
                                              std::span<std::uint16_t> out) {
  if (answer.empty()) return fault(ETIMEDOUT);
  if (request.empty()) return fault(EMBBADDATA);
  if ((answer[0] & kExceptionBit) != 0) return take_exception(request, answer);
  if (answer[0] != request[0]) return fault(EMBBADDATA);
  switch (request[0]) {
    case MODBUS_FC_READ_HOLDING_REGISTERS:
    case MODBUS_FC_WRITE_AND_READ_REGISTERS:
      return take_registers(answer, out);
    case MODBUS_FC_WRITE_SINGLE_REGISTER:
    case MODBUS_FC_WRITE_MULTIPLE_REGISTERS:
      return take_echo(request, answer);
    default:
      return fault(EMBBADDATA);
  }
}

}  // namespace hal::pdu
