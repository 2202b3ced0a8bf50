#include "modbus/reconnect_backoff.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace hal {

ReconnectBackoff::ReconnectBackoff(std::chrono::milliseconds min_delay,
                                   std::chrono::milliseconds max_delay)
    : min_delay_(min_delay), max_delay_(max_delay) {
  if (min_delay <= std::chrono::milliseconds{0} || max_delay < min_delay) {
    throw std::invalid_argument("reconnect backoff needs 0 < minimum (" +
                                std::to_string(min_delay.count()) + " ms) <= maximum (" +
                                std::to_string(max_delay.count()) + " ms)");
  }
}

void ReconnectBackoff::failed(Clock::time_point now) {
  delay_ = delay_ == std::chrono::milliseconds{0} ? min_delay_ : std::min(delay_ * 2, max_delay_);
  next_attempt_ = now + delay_;
}

void ReconnectBackoff::succeeded() {
  delay_ = std::chrono::milliseconds{0};
  next_attempt_ = Clock::time_point{};
}

}  // namespace hal
