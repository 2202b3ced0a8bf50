#include "daemon/control/cycle_schedule.hpp"

#include <stdexcept>

namespace control {

CycleSchedule::CycleSchedule(std::chrono::nanoseconds period, time_point first_deadline)
    : period_(period), deadline_(first_deadline) {
  if (period <= std::chrono::nanoseconds{0}) {
    throw std::invalid_argument("the control period must be positive");
  }
}

std::uint64_t CycleSchedule::finished(time_point now) {
  deadline_ += period_;
  if (now < deadline_) return 0;
  // Ran past one or more deadlines: skip them, staying on the grid.
  const auto behind = (now - deadline_) / period_ + 1;
  deadline_ += behind * period_;
  return static_cast<std::uint64_t>(behind);
}

void PeriodRecorder::record(std::chrono::nanoseconds lateness, std::chrono::nanoseconds work,
                            std::uint64_t overruns) {
  ++cycles_;
  overruns_ += overruns;
  lateness_.record(lateness < std::chrono::nanoseconds{0} ? std::chrono::nanoseconds{0} : lateness);
  work_.record(work);
}

PeriodStatistics PeriodRecorder::snapshot() const {
  PeriodStatistics s;
  s.cycles = cycles_;
  s.overruns = overruns_;
  s.lateness_p50 = lateness_.percentile(0.50);
  s.lateness_p99 = lateness_.percentile(0.99);
  s.lateness_max = lateness_.max();
  s.work_p99 = work_.percentile(0.99);
  s.work_max = work_.max();
  return s;
}

}  // namespace control
