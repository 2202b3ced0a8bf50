// The randomized campaign's findings, kept: each seed here once made a session fail, and runs in
// every build as the whole session it makes (a random person, program and script of events),
// judged as the campaign judges every session (campaign_session.hpp). A failure prints the seed,
// what went wrong, the events, and the one command that replays it.

#include <gtest/gtest.h>

#include <cstdint>

#include "tests/daemon/campaign/campaign_session.hpp"

namespace campaign_test {
namespace {

void expect_passes(std::uint64_t seed) {
  const auto report = campaign::run_campaign_session(seed);
  EXPECT_TRUE(report.passed()) << report.describe();
}

// A stop pressed while the tapping roller turned at 150 rpm faulted the chair with a following
// error on a motor only running down its ramp.
TEST(CampaignRegressions, Seed15AStopWhileTappingFastIsNoFollowingError) { expect_passes(15); }

// The depth drive lost its reference in a power cycle during a hold and withdrew by itself;
// after the daemon restarted it refused every frame with exception 03 (a hold at a position
// outside its soft limits), so the daemon never read its status again and the chair could never
// be reset.
TEST(CampaignRegressions, Seed711ADriveThatLostItsReferenceAndMovedCanStillBeReset) {
  expect_passes(711);
}

}  // namespace
}  // namespace campaign_test
