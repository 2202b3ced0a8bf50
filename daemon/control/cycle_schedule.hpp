#pragma once

#include <chrono>
#include <cstdint>

#include "clock/clock.hpp"
#include "modbus/transaction_histogram.hpp"

// The control loop's timing: cycles start on a fixed grid of absolute deadlines (the next is
// the previous plus one period, never "now plus one period", so lateness never accumulates), a
// cycle that runs past the next deadline is an overrun and the missed deadlines are skipped, and
// how late each cycle started is kept as a distribution in fixed memory.
namespace control {

class CycleSchedule {
 public:
  using time_point = hal::Clock::time_point;

  CycleSchedule(std::chrono::nanoseconds period, time_point first_deadline);

  [[nodiscard]] std::chrono::nanoseconds period() const { return period_; }
  // When the next cycle is due to start.
  [[nodiscard]] time_point deadline() const { return deadline_; }

  // The cycle due at deadline() finished at `now`: moves to the next deadline on the grid that
  // lies after `now`, and returns how many deadlines the cycle ran past (0 when on time).
  std::uint64_t finished(time_point now);

 private:
  std::chrono::nanoseconds period_;
  time_point deadline_;
};

// What the loop's timing looked like so far.
struct PeriodStatistics {
  std::uint64_t cycles = 0;
  std::uint64_t overruns = 0;                 // deadlines missed because a cycle ran past them
  std::chrono::microseconds lateness_p50{0};  // how late cycles started after their deadline
  std::chrono::microseconds lateness_p99{0};
  std::chrono::microseconds lateness_max{0};
  std::chrono::microseconds work_p99{0};  // how long a cycle's work took
  std::chrono::microseconds work_max{0};
};

class PeriodRecorder {
 public:
  void record(std::chrono::nanoseconds lateness, std::chrono::nanoseconds work,
              std::uint64_t overruns);
  [[nodiscard]] PeriodStatistics snapshot() const;

 private:
  std::uint64_t cycles_ = 0;
  std::uint64_t overruns_ = 0;
  hal::TransactionHistogram lateness_;
  hal::TransactionHistogram work_;
};

}  // namespace control
