// The eccentrics slow down gradually, never faster than the controller's following-error check
// tolerates, and speed up at once.

#include "daemon/session/spin_down.hpp"

#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;
using session::SpinDown;
using units::Rpm;

// What the controller's watch allows an eccentric to turn at, told `commanded`.
double allowed(Rpm commanded) { return std::abs(commanded.value()) * 1.25 + 5.0; }

TEST(SpinDown, SpeedingUpIsNeverHeldBack) {
  SpinDown spin;
  EXPECT_EQ(spin.limit(Rpm(300.0), 100ms), Rpm(300.0));
}

TEST(SpinDown, AStopSlowsGraduallyWithinWhatTheFaultWatchAllows) {
  for (const auto period : {10ms, 100ms}) {
    SpinDown spin;
    Rpm last = spin.limit(Rpm(480.0), period);
    int cycles = 0;
    while (spin.turning()) {
      const auto now = spin.limit(Rpm(0.0), period);
      // Told `now`, the eccentric still turns at about last cycle's command.
      EXPECT_LE(last.value(), allowed(now)) << "after " << cycles << " cycles";
      EXPECT_LT(now, last);
      last = now;
      ASSERT_LT(++cycles, 10000);
    }
    EXPECT_EQ(last, Rpm(0.0));
    // From 480 rpm to a stop in a few seconds.
    EXPECT_LT(period * cycles, 4s);
  }
}

TEST(SpinDown, ASlowerSpeedIsReachedWithoutStopping) {
  SpinDown spin;
  (void)spin.limit(Rpm(60.0), 100ms);
  Rpm now{60.0};
  for (int i = 0; i < 50; ++i) now = spin.limit(Rpm(30.0), 100ms);
  EXPECT_EQ(now, Rpm(30.0));
}

TEST(SpinDown, TurningTheOtherWayWaitsForTheStop) {
  SpinDown spin;
  (void)spin.limit(Rpm(60.0), 100ms);
  const auto first = spin.limit(Rpm(-60.0), 100ms);
  EXPECT_GT(first, Rpm(0.0));
  Rpm now = first;
  for (int i = 0; i < 100 && now >= Rpm(0.0); ++i) now = spin.limit(Rpm(-60.0), 100ms);
  EXPECT_EQ(now, Rpm(-60.0));
}

}  // namespace
