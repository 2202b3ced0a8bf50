// The campaign's random situations: valid as a chair maker's file and a real person are, the
// same from the same seed, and spread over the whole of the program format and of the bodies.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>

#include "tests/daemon/campaign/random_body.hpp"
#include "tests/daemon/campaign/random_program.hpp"

namespace campaign_test {
namespace {

using namespace std::chrono_literals;
using campaign::random_body;
using campaign::random_program;
constexpr std::uint64_t kSeeds = 1000;

TEST(RandomProgram, EveryOneOfAThousandSeedsPassesTheCheckerAndFitsASession) {
  const programs::ProgramChecker checker;
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const auto made = random_program(seed, checker);  // throws, with the errors, if refused
    const auto checked = checker.check_text(made.text, "random.toml");
    ASSERT_TRUE(checked) << "seed " << seed << "\n" << made.text;
    EXPECT_EQ(checker.estimated_duration(*checked), made.estimated_duration);
    EXPECT_LE(made.estimated_duration, 30min) << "seed " << seed;
  }
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

TEST(RandomProgram, AThousandSeedsUseTheWholeFormatAndLastAboutThreeMinutes) {
  const programs::ProgramChecker checker;
  const std::vector<std::string> vocabulary = {
      "compression", "rolling",    "kneading",    "tapping",      "rest",
      "group",       "multifidus", "longissimus", "iliocostalis", "rhomboid",
      "lateral_cm",  "'left'",     "'right'",     "'both'",       "[[step.step.step]]",
      "'C7'",        "'T12'",      "'L3'",        "'S1'",         "intensity = 10"};
  std::map<std::string, int> seen;
  std::chrono::milliseconds total{0};
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const auto made = random_program(seed, checker);
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

}  // namespace
}  // namespace campaign_test
