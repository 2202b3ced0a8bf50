#include "daemon/safety/session_timer.hpp"

#include <algorithm>
#include <stdexcept>

#include "daemon/safety/hard_ceilings.hpp"

namespace safety {

SessionTimer::SessionTimer(std::chrono::minutes length, std::chrono::minutes maximum)
    : configured_(length), maximum_(std::min(maximum, ceiling::kSession)), length_(length) {
  if (length <= std::chrono::minutes{0} || length > maximum_) {
    throw std::invalid_argument("a session of " + std::to_string(length.count()) +
                                " min does not fit the maximum of " +
                                std::to_string(maximum_.count()) + " min");
  }
}

void SessionTimer::start(time_point now) {
  active_ = true;
  length_ = configured_;
  banked_ = std::chrono::nanoseconds{0};
  running_since_ = now;
}

void SessionTimer::pause(time_point now) {
  if (!running()) return;
  banked_ += now - *running_since_;
  running_since_.reset();
}

void SessionTimer::resume(time_point now) {
  if (!active_ || running_since_) return;
  running_since_ = now;
}

void SessionTimer::stop() {
  active_ = false;
  running_since_.reset();
  banked_ = std::chrono::nanoseconds{0};
}

result::Expected<std::chrono::minutes, std::string> SessionTimer::extend() {
  if (!active_) {
    return result::unexpected(std::string("no session is running; start one first"));
  }
  if (length_ + ceiling::kSessionStep > maximum_) {
    return result::unexpected("the session already lasts " + std::to_string(length_.count()) +
                              " min; another " + std::to_string(ceiling::kSessionStep.count()) +
                              " min would pass the maximum of " + std::to_string(maximum_.count()) +
                              " min. Start a new session after a rest instead");
  }
  length_ += ceiling::kSessionStep;
  return length_;
}

std::chrono::nanoseconds SessionTimer::elapsed(time_point now) const {
  if (!active_) return std::chrono::nanoseconds{0};
  return banked_ + (running_since_ ? now - *running_since_ : std::chrono::nanoseconds{0});
}

std::chrono::nanoseconds SessionTimer::remaining(time_point now) const {
  if (!active_) return std::chrono::nanoseconds{0};
  return std::max(std::chrono::nanoseconds(length_) - elapsed(now), std::chrono::nanoseconds{0});
}

}  // namespace safety
