#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>

// The service watchdog (WatchdogSec=): systemd restarts the daemon when the pings stop. A ping
// must mean the daemon works, not merely that a timer thread lives, so the Watchdog pings only
// if the main loop reported progress since the previous ping. The control loop reports each
// cycle; until it exists, a tick of the main loop's own io_context does.
namespace massaged {

class Watchdog {
 public:
  // `timeout` is systemd's WATCHDOG_USEC; `ping` sends WATCHDOG=1.
  Watchdog(std::chrono::microseconds timeout, std::function<void()> ping);

  // How often tick() must be called: half the timeout, as sd_watchdog_enabled(3) advises, so
  // one late ping does not cost a restart.
  [[nodiscard]] std::chrono::microseconds ping_interval() const { return timeout_ / 2; }

  // The loop did a full turn. Safe to call from any thread.
  void report_progress() { progressed_.store(true, std::memory_order_release); }

  // Called every ping_interval(): pings if progress was reported since the last tick.
  void tick();

  // Ticks in a row that found no progress; 0 while the loop is healthy.
  [[nodiscard]] int stalled_ticks() const { return stalled_ticks_; }

 private:
  std::chrono::microseconds timeout_;
  std::function<void()> ping_;
  std::atomic<bool> progressed_{false};
  int stalled_ticks_ = 0;
};

// The watchdog timeout systemd asks this process to honour, or nothing when the unit has no
// WatchdogSec= (or the variables are meant for another process).
std::optional<std::chrono::microseconds> watchdog_timeout_from_systemd();

}  // namespace massaged
