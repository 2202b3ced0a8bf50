#pragma once

#include <chrono>
#include <cstddef>

#include "modbus/bus_config.hpp"

// The time a Modbus RTU exchange takes on a real serial line. A pseudo-terminal delivers bytes
// at once whatever baud rate the master sets, so the simulator holds each answer back by what
// the wire would have cost, and a master sees bus-limited timing as it would with real drives.
namespace sim {

struct SerialLineTiming {
  int baud = 115200;
  hal::Parity parity = hal::Parity::even;
  int stop_bits = 1;
  // From the end of the inter-frame silence to the drive's first answer byte. The datasheet
  // promises an answer within 1 ms of the request's end.
  std::chrono::nanoseconds turnaround = std::chrono::microseconds{200};

  // Start bit, 8 data bits, parity bit if any, stop bits: 11 for 8E1.
  [[nodiscard]] int bits_per_character() const;
  [[nodiscard]] std::chrono::nanoseconds character_time() const;
  [[nodiscard]] std::chrono::nanoseconds wire_time(std::size_t bytes) const;
  // The 3.5 characters of silence that end an RTU frame.
  [[nodiscard]] std::chrono::nanoseconds inter_frame_silence() const;
  // From the moment the master starts sending a request of `request_bytes` to the moment the
  // last byte of an answer of `answer_bytes` has arrived.
  [[nodiscard]] std::chrono::nanoseconds exchange_time(std::size_t request_bytes,
                                                       std::size_t answer_bytes) const;
};

}  // namespace sim
