#include "daemon/process/periodic_timer.hpp"

namespace massaged {

PeriodicTimer::PeriodicTimer(boost::asio::io_context& io,
                             std::chrono::steady_clock::duration period, std::function<void()> tick)
    : timer_(io), period_(period), tick_(std::move(tick)) {}

void PeriodicTimer::start() {
  running_ = true;
  timer_.expires_after(period_);
  wait();
}

void PeriodicTimer::stop() {
  running_ = false;
  timer_.cancel();
}

void PeriodicTimer::wait() {
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (error || !running_) return;
    tick_();
    auto next = timer_.expiry() + period_;
    const auto now = std::chrono::steady_clock::now();
    if (next <= now) next = now + period_;
    timer_.expires_at(next);
    wait();
  });
}

}  // namespace massaged
