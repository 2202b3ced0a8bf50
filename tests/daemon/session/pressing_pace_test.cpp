// How fast rollers pressing the back may move along it: full speed while the force stays near
// its target, slower as the back pushes back harder, never to a standstill, and at their slowest
// by the ceiling of the region they press, however narrow the room between target and ceiling.

#include "daemon/session/pressing_pace.hpp"

#include <gtest/gtest.h>

namespace session {
namespace {

using namespace std::chrono_literals;
using units::MillimetresPerSecond;
using units::Newtons;

constexpr MillimetresPerSecond kWanted{20.0};
constexpr auto kCycle = 100ms;

TEST(PressingPace, FullSpeedNearTheTargetSlowestTwoLeewaysAbove) {
  PressingPace pace(Newtons(5.0));
  EXPECT_DOUBLE_EQ(pace.next(kWanted, Newtons(24.0), Newtons(20.0), Newtons(40.0), kCycle).value(),
                   20.0);
  PressingPace halfway(Newtons(5.0));
  EXPECT_DOUBLE_EQ(
      halfway.next(kWanted, Newtons(27.5), Newtons(20.0), Newtons(40.0), kCycle).value(), 10.0);
  PressingPace slowest(Newtons(5.0));
  EXPECT_DOUBLE_EQ(
      slowest.next(kWanted, Newtons(35.0), Newtons(20.0), Newtons(40.0), kCycle).value(),
      kSlowest.value());
}

TEST(PressingPace, NearTheRegionsCeilingTheLeewayShrinksToFitUnderIt) {
  // 4.5 N asked under an 8 N ceiling. With the working leeway of 5 N the rollers would go on at
  // full speed up to 9.5 N; here they are at their slowest by 8 N.
  PressingPace at_ceiling(kWorkingLeeway);
  EXPECT_DOUBLE_EQ(
      at_ceiling.next(kWanted, Newtons(8.0), Newtons(4.5), Newtons(8.0), kCycle).value(),
      kSlowest.value());
  PressingPace below(kWorkingLeeway);
  EXPECT_DOUBLE_EQ(below.next(kWanted, Newtons(6.0), Newtons(4.5), Newtons(8.0), kCycle).value(),
                   20.0);
}

TEST(PressingPace, ATargetAtItsCeilingStillLeavesRoomForTheLoadCellsNoise) {
  // The kidney zone's 5 N asked under its 5 N ceiling: the noise of the load cell alone must not
  // hold the carriage back.
  PressingPace pace(kWorkingLeeway);
  EXPECT_DOUBLE_EQ(pace.next(kWanted, Newtons(6.4), Newtons(5.0), Newtons(5.0), kCycle).value(),
                   20.0);
  EXPECT_LT(pace.next(kWanted, Newtons(6.6), Newtons(5.0), Newtons(5.0), kCycle).value(), 20.0);
}

TEST(PressingPace, ItsOwnSlowestAndAGentleReturnToSpeed) {
  PressingPace pace(Newtons(1.2), MillimetresPerSecond(1.0));
  EXPECT_DOUBLE_EQ(pace.next(kWanted, Newtons(12.0), Newtons(6.0), Newtons(8.0), kCycle).value(),
                   1.0);
  // Back at the target: the pace rises by kPaceRise each second, not at once.
  const auto next = pace.next(kWanted, Newtons(6.0), Newtons(6.0), Newtons(8.0), kCycle);
  EXPECT_DOUBLE_EQ(next.value(), 1.0 + kPaceRise * 0.1);
}

}  // namespace
}  // namespace session
