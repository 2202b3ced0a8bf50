// [safety]: defaults, values within the hard ceilings, and refusals that name the ceiling with
// the file, line and column.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/config/chair_config.hpp"
#include "toml/strict_table.hpp"

using testing::HasSubstr;

namespace {

const std::filesystem::path kPath =
    std::filesystem::path(MASSAGED_SOURCE_DIR) / "config" / "test-chair.toml";

// Any safety text goes first, so that its line numbers are those of the text itself.
std::string chair_with(const std::string& safety) {
  std::string text = safety + R"(
[[bus]]
name = "main"
transport = "tcp"
profile = "profiles/ra1.toml"

[bus.tcp]
host = "127.0.0.1"
)";
  int unit = 1;
  for (const char* kind : {"travel", "width", "depth", "knead", "tap"}) {
    text += "\n[[bus.axis]]\nkind = \"" + std::string(kind) +
            "\"\nunit = " + std::to_string(unit++) + "\n";
  }
  return text;
}

massaged::ChairConfig parse(const std::string& safety) {
  return massaged::parse_chair_config(chair_with(safety), kPath, {});
}

std::string error_of(const std::string& safety) {
  try {
    (void)parse(safety);
  } catch (const toml_strict::FileError& e) {
    return e.what();
  }
  return "accepted";
}

const std::string kWhere = kPath.string();

TEST(SafetySection, DefaultsApplyWithoutTheSection) {
  const auto s = parse("").safety;
  EXPECT_EQ(s.midline_clearance, units::Millimetres(25.0));
  EXPECT_EQ(s.region_force.thoracic, units::Newtons(25.0));
  EXPECT_EQ(s.region_force.kidney, units::Newtons(5.0));
  EXPECT_EQ(s.max_hold, std::chrono::seconds(90));
  EXPECT_EQ(s.session, std::chrono::minutes(15));
  EXPECT_EQ(s.session_max, std::chrono::minutes(30));
}

TEST(SafetySection, ValuesWithinTheCeilingsAreRead) {
  const auto s = parse(R"([safety]
midline_clearance_mm = 30
neck_force_n = 8
thoracic_force_n = 22.5
kidney_force_n = 0
lumbar_force_n = 15
force_fault_n = 40
max_hold_s = 60
release_s = 20
session_minutes = 10
session_max_minutes = 20
travel_speed_near_body_mm_s = 30
knead_max_rpm = 40
stall_current_ma = 3000
motor_temperature_c = 65
)")
                     .safety;
  EXPECT_EQ(s.midline_clearance, units::Millimetres(30.0));
  EXPECT_EQ(s.region_force.neck, units::Newtons(8.0));
  EXPECT_EQ(s.region_force.thoracic, units::Newtons(22.5));
  EXPECT_EQ(s.region_force.kidney, units::Newtons(0.0));
  EXPECT_EQ(s.force_fault, units::Newtons(40.0));
  EXPECT_EQ(s.max_hold, std::chrono::seconds(60));
  EXPECT_EQ(s.release, std::chrono::seconds(20));
  EXPECT_EQ(s.session, std::chrono::minutes(10));
  EXPECT_EQ(s.session_max, std::chrono::minutes(20));
  EXPECT_EQ(s.travel_speed_near_body, units::MillimetresPerSecond(30.0));
  EXPECT_EQ(s.knead_max, units::Rpm(40.0));
  EXPECT_EQ(s.stall_current, units::Milliamperes(3000.0));
  EXPECT_EQ(s.motor_temperature, units::Celsius(65.0));
}

TEST(SafetySection, AForceAboveItsHardCeilingIsRefusedNamingTheCeiling) {
  EXPECT_EQ(
      error_of("[safety]\nthoracic_force_n = 70\n"),
      kWhere +
          ":2:20: safety.thoracic_force_n: 70 N is above the hard ceiling of 40 N set in "
          "daemon/safety/hard_ceilings.hpp, which no configuration can lift; allowed 0..40 N");
}

TEST(SafetySection, TheFaultForceCannotReachAThumbsForce) {
  EXPECT_THAT(error_of("[safety]\nforce_fault_n = 90\n"),
              HasSubstr(":2:17: safety.force_fault_n: 90 N is above the hard ceiling of 60 N"));
}

TEST(SafetySection, AMidlineClearanceBelowItsFloorIsRefusedNamingTheFloor) {
  EXPECT_EQ(error_of("[safety]\nmidline_clearance_mm = 15\n"),
            kWhere +
                ":2:24: safety.midline_clearance_mm: 15 mm is below the hard floor of 20 mm set in "
                "daemon/safety/hard_ceilings.hpp, which no configuration can lower; allowed "
                "20..60 mm");
}

TEST(SafetySection, AHoldLongerThan90SecondsIsRefused) {
  EXPECT_THAT(error_of("[safety]\nmax_hold_s = 120\n"),
              HasSubstr(":2:14: safety.max_hold_s: 120 s is above the hard ceiling of 90 s"));
}

TEST(SafetySection, ASessionLongerThan30MinutesIsRefused) {
  EXPECT_THAT(error_of("[safety]\nsession_max_minutes = 45\n"),
              HasSubstr("safety.session_max_minutes: 45 min is above the hard ceiling of 30 min"));
}

TEST(SafetySection, TheLongestSessionMayNotBeShorterThanTheDefaultOne) {
  EXPECT_THAT(error_of("[safety]\nsession_minutes = 20\nsession_max_minutes = 15\n"),
              HasSubstr(":3:23: safety.session_max_minutes: 15 min is shorter than "
                        "session_minutes = 20 min"));
}

TEST(SafetySection, TheFaultForceMustLieAboveEveryForceTheChairMayPressWith) {
  EXPECT_THAT(
      error_of("[safety]\nthoracic_force_n = 35\nforce_fault_n = 30\n"),
      HasSubstr(":3:17: safety.force_fault_n: 30 N does not exceed thoracic_force_n = 35 N, so "
                "the chair would fault whenever it pressed as allowed"));
}

TEST(SafetySection, TheStatusAgeMustSpanTwoControlCycles) {
  EXPECT_THAT(error_of("[control]\nrate_hz = 10\n[safety]\nstatus_age_ms = 150\n"),
              HasSubstr(":4:17: safety.status_age_ms: 150 ms is out of range, allowed 200..1000 "
                        "ms"));
}

TEST(SafetySection, AnUnknownKeyIsRefused) {
  EXPECT_THAT(error_of("[safety]\nmax_force_n = 20\n"),
              HasSubstr(":2:1: unknown key \"max_force_n\" in [safety]; allowed keys:"));
}

TEST(SafetySection, AValueOfTheWrongTypeIsRefusedWithItsRange) {
  EXPECT_EQ(error_of("[safety]\nkidney_force_n = \"low\"\n"),
            kWhere + ":2:18: safety.kidney_force_n: expected a number, allowed 0..8 N");
}

TEST(SafetySection, AFractionOfASecondIsRefusedWhereWholeSecondsAreCounted) {
  EXPECT_THAT(error_of("[safety]\nrelease_s = 7.5\n"),
              HasSubstr("safety.release_s: 7.5 is not a whole number of s"));
}

}  // namespace
