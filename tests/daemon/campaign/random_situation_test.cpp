// The campaign's random situations: valid as a chair maker's file and a real person are, the
// same from the same seed, and spread over the whole of the program format and of the bodies.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>

#include "tests/daemon/campaign/random_body.hpp"
#include "tests/daemon/campaign/random_events.hpp"
#include "tests/daemon/campaign/random_program.hpp"

namespace campaign_test {
namespace {

using namespace std::chrono_literals;
using campaign::random_body;
using campaign::random_events;
using campaign::random_program;
constexpr std::uint64_t kSeeds = 1000;

// Each program passes the checker, fits a session, and together they use the whole format and
// last about three minutes.
TEST(RandomProgram, AThousandSeedsPassTheCheckerUseTheWholeFormatAndLastAboutThreeMinutes) {
  const programs::ProgramChecker checker;
  const std::vector<std::string> vocabulary = {
      "compression", "rolling",    "kneading",    "tapping",      "rest",
      "group",       "multifidus", "longissimus", "iliocostalis", "rhomboid",
      "lateral_cm",  "'left'",     "'right'",     "'both'",       "[[step.step.step]]",
      "'C7'",        "'T12'",      "'L3'",        "'S1'",         "intensity = 10"};
  std::map<std::string, int> seen;
  std::chrono::milliseconds total{0};
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const auto made = random_program(seed, checker);  // throws, with the errors, if refused
    const auto checked = checker.check_text(made.text, "random.toml");
    ASSERT_TRUE(checked) << "seed " << seed << "\n" << made.text;
    EXPECT_EQ(checker.estimated_duration(*checked), made.estimated_duration);
    EXPECT_LE(made.estimated_duration, 30min) << "seed " << seed;
    total += made.estimated_duration;
    for (const auto& word : vocabulary) {
      if (made.text.find(word) != std::string::npos) ++seen[word];
    }
  }
  for (const auto& word : vocabulary) EXPECT_GT(seen[word], 0) << word << " never drawn";
  const auto average = std::chrono::duration<double, std::ratio<60>>(total / kSeeds).count();
  EXPECT_GT(average, 2.5);
  EXPECT_LT(average, 4.0);
}

TEST(RandomProgram, ASeedGivesTheSameProgramEveryTimeAndAnotherSeedAnother) {
  const programs::ProgramChecker checker;
  EXPECT_EQ(random_program(42, checker).text, random_program(42, checker).text);
  std::set<std::string> texts;
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    auto text = random_program(seed, checker).text;
    // The id and name carry the seed; what the chair does must differ too.
    text = text.substr(text.find("[[step]]"));
    texts.insert(text);
  }
  EXPECT_EQ(texts.size(), 50U);
}

TEST(RandomBody, EveryOneOfAThousandSeedsIsAPlausiblePersonAndTheyDiffer) {
  int sitting_forward = 0;
  int short_back = 0;
  int without_nodules = 0;
  int with_four = 0;
  double lowest_shoulders = 1e9;
  double highest_shoulders = 0.0;
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const auto body = random_body(seed);
    ASSERT_NO_THROW(sim::check_body(body)) << "seed " << seed;
    sitting_forward += body.sitting_forward.value() > 0.0 ? 1 : 0;
    short_back += body.back_end_above_seat.value() > 0.0 ? 1 : 0;
    without_nodules += body.nodules.empty() ? 1 : 0;
    with_four += body.nodules.size() == 4 ? 1 : 0;
    lowest_shoulders = std::min(lowest_shoulders, body.shoulder_travel.value());
    highest_shoulders = std::max(highest_shoulders, body.shoulder_travel.value());
    for (const auto& nodule : body.nodules) {
      EXPECT_GT(nodule.travel, body.shoulder_travel) << "seed " << seed;
      EXPECT_LT(nodule.travel, body.seat_travel - body.back_end_above_seat) << "seed " << seed;
    }
  }
  EXPECT_GT(sitting_forward, 100);
  EXPECT_GT(short_back, 100);
  EXPECT_GT(without_nodules, 100);
  EXPECT_GT(with_four, 100);
  EXPECT_LT(lowest_shoulders, 345.0);
  EXPECT_GT(highest_shoulders, 525.0);
  EXPECT_EQ(random_body(7).shoulder_travel, random_body(7).shoulder_travel);
  EXPECT_EQ(random_body(7).nodules.size(), random_body(7).nodules.size());
}

TEST(RandomEvents, AThousandSeedsPressEveryButtonAndBringEveryFaultAtEveryKindOfMoment) {
  using campaign::DriveTrouble;
  using campaign::LinkTrouble;
  using campaign::PanelAction;
  std::set<PanelAction> actions;
  std::set<hal::AlarmKind> alarms;
  std::set<DriveTrouble::Kind> drive_troubles;
  int in_scan = 0;
  int in_holds = 0;
  int at_once = 0;
  int silent_bus = 0;
  int restarts = 0;
  int quiet_sessions = 0;
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const auto length = std::chrono::milliseconds(180'000);
    const auto script = random_events(seed, length);
    quiet_sessions += script.events.empty() ? 1 : 0;
    for (std::size_t i = 0; i < script.events.size(); ++i) {
      const auto& event = script.events[i];
      ASSERT_GE(event.at, 0ms) << campaign::describe(event);
      ASSERT_LE(event.at, length + 50s) << campaign::describe(event);
      if (i > 0) {
        ASSERT_LE(script.events[i - 1].at, event.at) << "seed " << seed << ": not in time order";
        at_once += script.events[i - 1].at == event.at ? 1 : 0;
      }
      in_scan += event.at < 40s ? 1 : 0;
      in_holds += event.in_a_hold ? 1 : 0;
      if (const auto* action = std::get_if<PanelAction>(&event.what)) actions.insert(*action);
      if (const auto* link = std::get_if<LinkTrouble>(&event.what)) silent_bus += link->silent;
      if (const auto* drive = std::get_if<DriveTrouble>(&event.what)) {
        drive_troubles.insert(drive->kind);
        if (drive->kind == DriveTrouble::Kind::alarm) alarms.insert(drive->alarm);
      }
      restarts += std::holds_alternative<campaign::DaemonRestart>(event.what) ? 1 : 0;
    }
    // An emergency stop is always followed by a reset.
    const auto& events = script.events;
    for (std::size_t i = 0; i < events.size(); ++i) {
      const auto* action = std::get_if<PanelAction>(&events[i].what);
      if (action == nullptr || *action != PanelAction::emergency_stop) continue;
      const bool reset_later = std::any_of(events.begin() + static_cast<long>(i), events.end(),
                                           [](const campaign::Event& e) {
                                             const auto* a = std::get_if<PanelAction>(&e.what);
                                             return a != nullptr && *a == PanelAction::reset;
                                           });
      EXPECT_TRUE(reset_later) << "seed " << seed;
    }
  }
  EXPECT_EQ(actions.size(), static_cast<std::size_t>(campaign::kPanelActions));
  EXPECT_EQ(alarms.size(), hal::kAlarmKindKeys.size());
  EXPECT_EQ(drive_troubles.size(), 3U);
  EXPECT_GT(in_scan, 100);
  EXPECT_GT(in_holds, 100);
  EXPECT_GT(at_once, 50);
  EXPECT_GT(silent_bus, 10);
  EXPECT_GT(restarts, 10);
  EXPECT_GT(quiet_sessions, 50);
  EXPECT_EQ(campaign::describe(random_events(9, 180s).events.front()),
            campaign::describe(random_events(9, 180s).events.front()));
}

}  // namespace
}  // namespace campaign_test
