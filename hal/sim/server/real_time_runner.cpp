#include "sim/server/real_time_runner.hpp"

namespace sim {
namespace {

// After a stall (a suspended process, a loaded machine) the runner does not try to catch up
// with a burst of steps: the next step simply covers the whole gap.
constexpr int kMaxPeriodsBehind = 10;

}  // namespace

RealTimeRunner::RealTimeRunner(Step step, std::chrono::microseconds period)
    : step_(std::move(step)), period_(period) {
  thread_ = std::thread([this] { run(); });
}

RealTimeRunner::~RealTimeRunner() {
  {
    const std::scoped_lock lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void RealTimeRunner::run() {
  using Clock = std::chrono::steady_clock;
  auto last = Clock::now();
  auto next = last + period_;
  std::unique_lock lock(mutex_);
  while (!wake_.wait_until(lock, next, [this] { return stopping_; })) {
    lock.unlock();
    const auto now = Clock::now();
    step_(now - last);
    last = now;
    next += period_;
    if (next < now - period_ * kMaxPeriodsBehind) next = now + period_;
    lock.lock();
  }
}

}  // namespace sim
