#include "daemon/control/control_loop.hpp"

namespace control {

namespace {

std::chrono::microseconds share_of(std::chrono::nanoseconds period) {
  return std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::duration<double, std::nano>(static_cast<double>(period.count()) *
                                               kExchangeShare));
}

}  // namespace

ControlLoop::ControlLoop(ChairController& controller, const hal::Clock& clock, CycleWaiter& waiter,
                         std::chrono::nanoseconds period,
                         std::optional<std::chrono::microseconds> exchange_budget)
    : controller_(&controller),
      clock_(&clock),
      waiter_(&waiter),
      period_(period),
      exchange_budget_(exchange_budget.value_or(share_of(period))) {}

CycleHealth ControlLoop::run_cycle() {
  if (!schedule_) schedule_.emplace(period_, clock_->now());
  const auto deadline = schedule_->deadline();
  waiter_->wait_until(deadline);
  const auto started = clock_->now();
  const auto result = controller_->cycle(exchange_budget_);
  const auto finished = clock_->now();
  const auto overruns = schedule_->finished(finished);
  {
    const std::lock_guard lock(statistics_mutex_);
    recorder_.record(started - deadline, finished - started, overruns);
  }
  const CycleHealth health{overruns == 0, result.buses_answered, result.awaiting_drives};
  if (on_cycle_) on_cycle_(health);
  return health;
}

void ControlLoop::run(const std::stop_token& stop) {
  while (!stop.stop_requested()) run_cycle();
}

void ControlLoop::restart_statistics() {
  const std::lock_guard lock(statistics_mutex_);
  recorder_ = PeriodRecorder{};
}

PeriodStatistics ControlLoop::statistics() const {
  const std::lock_guard lock(statistics_mutex_);
  return recorder_.snapshot();
}

}  // namespace control
