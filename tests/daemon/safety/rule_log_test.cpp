// What the supervisor's rules write to the log: a rule is logged when it starts and stops
// acting, and a rule acting again and again on the same cause is counted, then summarised.

#include "daemon/safety/rule_log.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using safety::kRepeatWindow;
using safety::Rule;
using safety::RuleAction;
using safety::RuleLog;
using safety::RuleLogLine;
using safety::Verdict;
using namespace std::chrono_literals;
using testing::ElementsAre;
using testing::IsEmpty;

namespace {

using Level = RuleLogLine::Level;

const RuleAction kSlowed{Rule::travel_speed, Verdict::clamped,
                         "travel at 100.0 mm/s is too fast near the body; using 50.0 mm/s"};

class RuleLogTest : public testing::Test {
 protected:
  RuleLog log_;
  hal::Clock::time_point now_{std::chrono::hours(1)};

  std::vector<RuleLogLine> cycle(std::vector<RuleAction> actions, std::chrono::milliseconds dt) {
    now_ += dt;
    return log_.observe(actions, now_);
  }
};

TEST_F(RuleLogTest, ARuleIsLoggedWhenItStartsAndWhenItStops) {
  EXPECT_THAT(cycle({kSlowed}, 100ms),
              ElementsAre(RuleLogLine{Level::warning, "travel_speed clamped: " + kSlowed.detail}));
  EXPECT_THAT(cycle({kSlowed}, 100ms), IsEmpty());  // still acting: nothing new
  EXPECT_THAT(cycle({}, 100ms),
              ElementsAre(RuleLogLine{Level::info, "travel_speed no longer acts"}));
  EXPECT_THAT(cycle({}, 100ms), IsEmpty());
}

TEST_F(RuleLogTest, ARuleActingAgainAndAgainIsSummarisedOnceAWindow) {
  std::vector<RuleLogLine> lines;
  const auto take = [&lines](std::vector<RuleLogLine> more) {
    lines.insert(lines.end(), more.begin(), more.end());
  };
  // A reposition every 3 s for five minutes, each slowed for a second near the back.
  for (int move = 0; move < 100; ++move) {
    take(cycle({kSlowed}, 2s));
    take(cycle({}, 1s));
  }
  // The first episode in full, then one summary a window instead of 198 more lines.
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], (RuleLogLine{Level::warning, "travel_speed clamped: " + kSlowed.detail}));
  EXPECT_EQ(lines[1], (RuleLogLine{Level::info, "travel_speed no longer acts"}));
  EXPECT_EQ(lines[2].level, Level::info);
  EXPECT_EQ(lines[2].text,
            "travel_speed clamped 19 more times since it was last logged; the "
            "last: " +
                kSlowed.detail);
  const auto windows = 300s / kRepeatWindow;
  EXPECT_LE(lines.size(), static_cast<std::size_t>(3 * (windows + 1)));
}

TEST_F(RuleLogTest, AfterAQuietWindowARuleIsLoggedInFullAgain) {
  (void)cycle({kSlowed}, 100ms);
  (void)cycle({}, 100ms);
  EXPECT_THAT(cycle({}, kRepeatWindow), IsEmpty());  // no repeats: nothing to summarise
  EXPECT_THAT(cycle({kSlowed}, 1s),
              ElementsAre(RuleLogLine{Level::warning, "travel_speed clamped: " + kSlowed.detail}));
}

TEST_F(RuleLogTest, EachRuleAndVerdictIsCountedApart) {
  const RuleAction midline{Rule::midline, Verdict::refused, "a roller 10.0 mm from the spine"};
  EXPECT_THAT(cycle({kSlowed, midline}, 100ms),
              ElementsAre(RuleLogLine{Level::warning, "travel_speed clamped: " + kSlowed.detail},
                          RuleLogLine{Level::warning, "midline refused: " + midline.detail}));
  EXPECT_THAT(cycle({kSlowed}, 100ms),
              ElementsAre(RuleLogLine{Level::info, "midline no longer acts"}));
}

}  // namespace
