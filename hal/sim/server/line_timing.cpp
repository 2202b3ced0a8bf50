#include "sim/server/line_timing.hpp"

namespace sim {

int SerialLineTiming::bits_per_character() const {
  return 1 + 8 + (parity == hal::Parity::none ? 0 : 1) + stop_bits;
}

std::chrono::nanoseconds SerialLineTiming::character_time() const {
  return std::chrono::nanoseconds{1'000'000'000LL * bits_per_character() / baud};
}

std::chrono::nanoseconds SerialLineTiming::wire_time(std::size_t bytes) const {
  return std::chrono::nanoseconds{1'000'000'000LL * bits_per_character() *
                                  static_cast<long long>(bytes) / baud};
}

std::chrono::nanoseconds SerialLineTiming::inter_frame_silence() const {
  return character_time() * 7 / 2;
}

std::chrono::nanoseconds SerialLineTiming::exchange_time(std::size_t request_bytes,
                                                         std::size_t answer_bytes) const {
  return wire_time(request_bytes) + inter_frame_silence() + turnaround + wire_time(answer_bytes);
}

}  // namespace sim
