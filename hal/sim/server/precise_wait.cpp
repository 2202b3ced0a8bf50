#include "sim/server/precise_wait.hpp"

#include <thread>

namespace sim {
namespace {

// Long enough to absorb the kernel's timer slack and wake-up latency on a loaded machine.
constexpr std::chrono::microseconds kSpinMargin{150};

}  // namespace

void wait_until_precisely(std::chrono::steady_clock::time_point deadline) {
  if (deadline - std::chrono::steady_clock::now() > kSpinMargin) {
    std::this_thread::sleep_until(deadline - kSpinMargin);
  }
  while (std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
}

}  // namespace sim
