#include "modbus/pending_cycle.hpp"

#include <algorithm>

namespace hal {

std::optional<PendingCycle::Result> PendingCycle::wait_until(
    std::chrono::steady_clock::time_point deadline, BriefPoll& poll) {
  const auto ready = [this] {
    return result_.wait_for(std::chrono::seconds{0}) == std::future_status::ready;
  };
  if (result_near_.valid()) {
    if (result_near_.wait_until(deadline) != std::future_status::ready) return std::nullopt;
    const auto poll_for = std::min<std::chrono::nanoseconds>(
        kPollForResult, deadline - std::chrono::steady_clock::now());
    if (poll.until(ready, poll_for)) return result_.get();
  }
  if (result_.wait_until(deadline) != std::future_status::ready) return std::nullopt;
  return result_.get();
}

}  // namespace hal
