#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>

#include "clock/clock.hpp"
#include "daemon/control/chair_controller.hpp"
#include "daemon/control/cycle_schedule.hpp"
#include "daemon/control/cycle_waiter.hpp"

// The fixed-rate control loop: waits for each absolute deadline, runs one controller cycle, and
// keeps the period statistics (how late cycles start, how long they take, how many deadlines
// were missed). Time comes from the injected clock and waiter, so a test runs the same loop in
// simulated time.
namespace control {

// A cycle's health, for the systemd watchdog.
struct CycleHealth {
  bool on_time = false;          // finished before the next deadline
  bool buses_answered = false;   // every drive sent a fresh status
  bool awaiting_drives = false;  // still starting: no drive reached yet

  // The watchdog is pinged only for a healthy cycle. Before the drives were first reached a
  // restart would not help, so a cycle on time counts then.
  [[nodiscard]] bool healthy() const { return on_time && (buses_answered || awaiting_drives); }
};

// The drives' exchange may use this share of a period; the rest is for the computation.
inline constexpr double kExchangeShare = 0.8;

class ControlLoop {
 public:
  // The drives' exchange gets kExchangeShare of the period, in real time. In simulated time
  // none of it passes on the loop's clock, so a test gives `exchange_budget` instead: as long
  // as the real connection needs.
  ControlLoop(ChairController& controller, const hal::Clock& clock, CycleWaiter& waiter,
              std::chrono::nanoseconds period,
              std::optional<std::chrono::microseconds> exchange_budget = std::nullopt);

  // Waits for the next deadline (the first: now), then runs one cycle.
  CycleHealth run_cycle();
  // Runs cycles until `stop` is requested.
  void run(const std::stop_token& stop);

  // Called on the loop's thread after every cycle.
  void on_cycle(std::function<void(const CycleHealth&)> listener) {
    on_cycle_ = std::move(listener);
  }

  [[nodiscard]] std::chrono::nanoseconds period() const { return period_; }
  // Any thread.
  [[nodiscard]] PeriodStatistics statistics() const;
  // Forgets the cycles so far, so that a measurement starts when its caller chooses.
  void restart_statistics();

 private:
  ChairController* controller_;
  const hal::Clock* clock_;
  CycleWaiter* waiter_;
  std::chrono::nanoseconds period_;
  std::chrono::microseconds exchange_budget_;
  std::optional<CycleSchedule> schedule_;
  std::function<void(const CycleHealth&)> on_cycle_;
  mutable std::mutex statistics_mutex_;
  PeriodRecorder recorder_;
};

}  // namespace control
