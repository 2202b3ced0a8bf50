// The loop's timing: absolute deadlines, overruns counted and skipped, lateness kept.

#include "daemon/control/cycle_schedule.hpp"

#include <gtest/gtest.h>

using namespace std::chrono_literals;

namespace {

const hal::Clock::time_point kT0{std::chrono::hours(1)};

TEST(CycleSchedule, DeadlinesLieOnAFixedGridWhateverTheCyclesTook) {
  control::CycleSchedule schedule(10ms, kT0);
  EXPECT_EQ(schedule.finished(kT0 + 3ms), 0U);
  EXPECT_EQ(schedule.deadline(), kT0 + 10ms);
  EXPECT_EQ(schedule.finished(kT0 + 19ms), 0U);  // a slow cycle, still on time
  EXPECT_EQ(schedule.deadline(), kT0 + 20ms);    // not 19 + 10
}

TEST(CycleSchedule, ACycleRunningPastTheNextDeadlineIsAnOverrunAndMissedDeadlinesAreSkipped) {
  control::CycleSchedule schedule(10ms, kT0);
  EXPECT_EQ(schedule.finished(kT0 + 25ms), 2U);  // ran past 10 and 20
  EXPECT_EQ(schedule.deadline(), kT0 + 30ms);
  EXPECT_EQ(schedule.finished(kT0 + 40ms), 1U);  // finishing exactly on the next deadline
  EXPECT_EQ(schedule.deadline(), kT0 + 50ms);
}

TEST(CycleSchedule, AZeroPeriodIsRefused) {
  EXPECT_THROW(control::CycleSchedule(0ms, kT0), std::invalid_argument);
}

TEST(PeriodRecorder, LatenessPercentilesOverrunsAndWorkAreKept) {
  control::PeriodRecorder recorder;
  for (int i = 0; i < 98; ++i) recorder.record(20us, 300us, 0);
  recorder.record(400us, 300us, 0);
  recorder.record(2ms, 12ms, 1);
  const auto s = recorder.snapshot();
  EXPECT_EQ(s.cycles, 100U);
  EXPECT_EQ(s.overruns, 1U);
  EXPECT_EQ(s.lateness_p50, 20us);
  EXPECT_NEAR(static_cast<double>(s.lateness_p99.count()), 400.0, 400.0 / 32);
  EXPECT_EQ(s.lateness_max, 2000us);
  EXPECT_EQ(s.work_max, 12000us);
}

TEST(PeriodRecorder, AnEarlyWakeUpCountsAsOnTime) {
  control::PeriodRecorder recorder;
  recorder.record(-50us, 100us, 0);
  EXPECT_EQ(recorder.snapshot().lateness_max, 0us);
}

}  // namespace
