#pragma once

#include <chrono>

namespace sim {

// Returns at `deadline`, within a few microseconds: the scheduler's sleep overshoots by tens
// of microseconds, which is a large share of a character time at 115200 baud, so the last
// stretch is spent spinning on the steady clock.
void wait_until_precisely(std::chrono::steady_clock::time_point deadline);

}  // namespace sim
