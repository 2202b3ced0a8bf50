#pragma once

#include <chrono>
#include <future>
#include <optional>
#include <vector>

#include "modbus/brief_poll.hpp"
#include "modbus/cycle_exchange.hpp"

// A control cycle handed to a bus thread, from the side of the caller who waits for it. A caller
// that polls (see BriefPoll) is given two signals: that the result is near, and the result; it
// sleeps until the first and polls for the second. The bus thread announces the result as near
// when its last transaction starts if the caller runs cycles back to back on a fast link, so
// that the caller is awake when the result comes instead of being woken for it; otherwise with
// the result. A caller that does not poll sleeps until the result.
namespace hal {

class PendingCycle {
 public:
  using Result = std::vector<ReadingOutcome>;  // one per drive, in configuration order

  // How long the caller polls once the result is announced as near; the bus thread announces
  // it ahead only when its transactions take half of this or less.
  static constexpr std::chrono::microseconds kPollForResult{400};

  // `result_near`: none (not valid) for a caller that does not poll.
  PendingCycle(std::future<Result> result, std::future<void> result_near)
      : result_(std::move(result)), result_near_(std::move(result_near)) {}

  // The cycle's result, or none when it did not come by `deadline`. Throws what the bus thread
  // threw while running the cycle.
  std::optional<Result> wait_until(std::chrono::steady_clock::time_point deadline, BriefPoll& poll);

 private:
  std::future<Result> result_;
  std::future<void> result_near_;
};

}  // namespace hal
