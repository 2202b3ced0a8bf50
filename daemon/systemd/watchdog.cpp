#include "daemon/systemd/watchdog.hpp"

#include <systemd/sd-daemon.h>

#include <cstdint>

#include <spdlog/spdlog.h>

namespace massaged {

Watchdog::Watchdog(std::chrono::microseconds timeout, std::function<void()> ping)
    : timeout_(timeout), ping_(std::move(ping)) {}

void Watchdog::tick() {
  if (progressed_.exchange(false, std::memory_order_acq_rel)) {
    if (stalled_ticks_ > 0)
      spdlog::info("the main loop makes progress again; watchdog pings resume");
    stalled_ticks_ = 0;
    ping_();
    return;
  }
  if (stalled_ticks_++ == 0) {
    spdlog::warn(
        "the main loop made no progress in the last {} ms; withholding the watchdog "
        "ping, systemd restarts the daemon if this lasts {} ms",
        std::chrono::duration_cast<std::chrono::milliseconds>(ping_interval()).count(),
        std::chrono::duration_cast<std::chrono::milliseconds>(timeout_).count());
  }
}

std::optional<std::chrono::microseconds> watchdog_timeout_from_systemd() {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(usec);
}

}  // namespace massaged
