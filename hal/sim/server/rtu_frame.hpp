#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "sim/server/pdu_responder.hpp"

// Modbus RTU framing: unit id, PDU, CRC-16 low byte first. A serial slave learns where a
// request ends from its function code (and, for the writes of many registers, the byte count
// in it); other function codes can only be ended by the line falling silent.
namespace sim {

// The largest RTU frame: unit id, 253 bytes of PDU, CRC.
inline constexpr std::size_t kMaxRtuFrameSize = 256;

// Whether a request with this function code ends where its own fields say (03, 06, 16, 23).
[[nodiscard]] bool rtu_request_has_known_length(std::uint8_t function);

// The size of the whole request frame starting at `received[0]` (its unit id), once enough of
// it has arrived to tell; nullopt while too little has arrived or when the function code has
// no known length (the frame then ends at the next silence).
[[nodiscard]] std::optional<std::size_t> rtu_request_length(std::span<const std::uint8_t> received);

// Whether the frame's last two bytes are the CRC of the rest.
[[nodiscard]] bool rtu_crc_matches(std::span<const std::uint8_t> frame);

// Unit id, PDU and CRC; with `break_crc` the CRC is deliberately wrong (a frame damaged on the
// line).
[[nodiscard]] std::vector<std::uint8_t> rtu_frame(std::uint8_t unit, const Pdu& pdu,
                                                  bool break_crc = false);

}  // namespace sim
