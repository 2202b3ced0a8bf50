// What chairctl prints for people, from the daemon's answers as docs/api.md gives them.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/chairctl/status_text.hpp"
#include "daemon/chairctl/technician_text.hpp"
#include "daemon/chairctl/watch_line.hpp"

using nlohmann::json;
using testing::HasSubstr;

namespace {

TEST(ChairctlText, TimesReadAsAClock) {
  EXPECT_EQ(chairctl::clock_text(0), "0:00");
  EXPECT_EQ(chairctl::clock_text(187.4), "3:07");
  EXPECT_EQ(chairctl::clock_text(3725), "1:02:05");
  EXPECT_EQ(chairctl::clock_text(-3), "0:00");
}

TEST(ChairctlText, WatchLineShowsStepZoneForceABarAndTheTimeLeft) {
  const json status{{"state", "running"}};
  const json progress{{"phase", "massaging"},
                      {"step", 3},
                      {"step_count", 9},
                      {"technique", "compression"},
                      {"zone", "T4, rhomboid, both sides"},
                      {"force_n", 18.04},
                      {"elapsed_s", 90.0},
                      {"remaining_s", 210.0}};
  EXPECT_EQ(chairctl::watch_line(status, progress),
            "running  step 3/9 compression  T4, rhomboid, both sides  18.0 N  "
            "[######--------------] 30%  3:30 left");
}

TEST(ChairctlText, WatchLineDuringTheBodyScanSaysSo) {
  const auto line =
      chairctl::watch_line({{"state", "running"}}, {{"phase", "scanning"}, {"remaining_s", 300.0}});
  EXPECT_THAT(line, HasSubstr("body scan"));
  EXPECT_THAT(line, HasSubstr("[--------------------] 0%"));
}

TEST(ChairctlText, FinishedProgramFillsTheBar) {
  EXPECT_EQ(chairctl::done_fraction({{"phase", "finished"}, {"remaining_s", 3.0}}), 1.0);
  EXPECT_EQ(chairctl::done_fraction(json::object()), 0.0);
}

TEST(ChairctlText, StatusNamesTheFaultAndTheLatch) {
  const json status{
      {"state", "fault"},
      {"cause", "stall on depth (unit 3)"},
      {"latched", true},
      {"fault",
       {{"summary", "stall on depth (unit 3)"}, {"detail", "the depth drive reports alarm 1"}}},
      {"session", nullptr}};
  const auto text = chairctl::status_text(status);
  EXPECT_THAT(text, HasSubstr("chair:    fault (stall on depth (unit 3))"));
  EXPECT_THAT(text, HasSubstr("latched:  yes"));
  EXPECT_THAT(text, HasSubstr("chairctl reset"));
  EXPECT_THAT(text, HasSubstr("detail:   the depth drive reports alarm 1"));
  EXPECT_THAT(text, HasSubstr("session:  none"));
}

TEST(ChairctlText, StatusOfARunningSessionSaysWhereItIsAndTheTimeLeft) {
  const json status{{"state", "running"},
                    {"cause", "Quick relief"},
                    {"latched", false},
                    {"fault", nullptr},
                    {"session_remaining_s", 600.0},
                    {"session",
                     {{"phase", "massaging"},
                      {"program_name", "Quick relief"},
                      {"step", 2},
                      {"step_count", 6},
                      {"technique", "kneading"},
                      {"zone", "T1 to T6, 5 cm"},
                      {"intensity", 4},
                      {"remaining_s", 240.0}}}};
  const auto text = chairctl::status_text(status);
  EXPECT_THAT(text,
              HasSubstr("Quick relief: step 2 of 6, kneading at T1 to T6, 5 cm, intensity 4"));
  EXPECT_THAT(text, HasSubstr("10:00 of the session, about 4:00 of the program"));
}

TEST(ChairctlText, StatusShowsHowTheBackWasFittedAndWhatWasSkipped) {
  const json session{{"phase", "massaging"},
                     {"program_name", "Lower back"},
                     {"step", 3},
                     {"step_count", 12},
                     {"shoulder_mm", 437.0},
                     {"back_end_mm", 860.0},
                     {"s1_mm", 840.0},
                     {"skipped",
                      {{{"step", 2},
                        {"technique", "rolling"},
                        {"level", "L5"},
                        {"reason", "no contact below L5: the rest of the stroke is skipped"}}}},
                     {"remaining_s", 700.0}};
  const auto text = chairctl::status_text({{"state", "running"}, {"session", session}});
  EXPECT_THAT(text, HasSubstr("body:     shoulders at 437 mm, the back leaving the rollers at "
                              "860 mm, levels C7 to S1 down to 840 mm"));
  EXPECT_THAT(text, HasSubstr("skipped:  step 2, rolling: no contact below L5: the rest of the "
                              "stroke is skipped"));
  // A back that reaches down to where the chair puts S1 is fitted as the chair assumes.
  EXPECT_EQ(
      chairctl::fit_text({{"shoulder_mm", 440.0}, {"back_end_mm", nullptr}, {"s1_mm", 920.0}}),
      "shoulders at 440 mm, levels C7 to S1 down to 920 mm");
  EXPECT_EQ(chairctl::fit_text({{"phase", "scanning"}, {"shoulder_mm", nullptr}}), "");
}

TEST(ChairctlText, StepsReadInTheProgramsOwnTerms) {
  EXPECT_EQ(chairctl::step_text({{"technique", "compression"},
                                 {"level", "T4"},
                                 {"side", "both"},
                                 {"muscle", "rhomboid"},
                                 {"intensity", 4},
                                 {"hold_s", 30},
                                 {"increments", 1},
                                 {"release_s", 10},
                                 {"repeats", 1}}),
            "compression at T4, rhomboid, both sides, intensity 4, held 30 s in 1 rise(s), 1 "
            "time(s)");
  EXPECT_EQ(chairctl::step_text({{"technique", "rolling"},
                                 {"top", "C7"},
                                 {"bottom", "T7"},
                                 {"lateral_cm", 3.5},
                                 {"intensity", 3},
                                 {"speed_cm_s", 4.0},
                                 {"passes", 8}}),
            "rolling C7 to T7, 3.5 cm, intensity 3, 8 passes at 4 cm/s");
  EXPECT_EQ(chairctl::step_text({{"technique", "rest"}, {"duration_s", 20}}), "rest, 20 s");
}

TEST(ChairctlText, ProgramListAlignsNamesAndMarksInstalledOnes) {
  const json list{
      {"programs",
       {{{"id", "quick-relief"},
         {"name", "Quick relief"},
         {"intended_minutes", 5},
         {"origin", "shipped"}},
        {{"id", "oem-x"}, {"name", "OEM X"}, {"intended_minutes", 12}, {"origin", "installed"}}}}};
  EXPECT_EQ(chairctl::programs_text(list),
            "quick-relief  Quick relief (5 min)\n"
            "oem-x         OEM X (12 min, installed)\n");
}

TEST(ChairctlText, CalibrationShowsWhereEachPartWasMeasuredAndWhatIsOutOfUse) {
  const json shown{{"file", "/var/lib/massaged/calibration.toml"},
                   {"stored", "whole"},
                   {"format_version", 2},
                   {"calibration",
                    {{"valid", false},
                     {"travel", {{"min_mm", 2.0}, {"max_mm", 1198.0}}},
                     {"width", {{"min_mm", 40.0}, {"max_mm", 200.0}}},
                     {"depth", {{"min_mm", 0.0}, {"max_mm", 100.0}}},
                     {"force", {{"offset_n", 0.0}, {"gain", 1.0}}}}},
                   {"refusal", "programs cannot run: the depth drive was replaced"},
                   {"parts",
                    {{{"part", "force"},
                      {"axis", "depth"},
                      {"state", "replaced"},
                      {"drive", {{"serial", 20260003}, {"firmware", 260}}},
                      {"calibrated_at", "2026-11-24T13:05:02Z"},
                      {"technician_uid", 1000},
                      {"problem",
                       "the depth drive was replaced (serial 20260003 when calibrated, now "
                       "20269999): calibrate again with chairctl calibrate force"}},
                     {{"part", "travel"},
                      {"axis", "travel"},
                      {"state", "measured"},
                      {"drive", {{"serial", nullptr}, {"firmware", 261}}},
                      {"calibrated_at", nullptr},
                      {"technician_uid", nullptr}},
                     {{"part", "width"}, {"axis", "width"}, {"state", "not measured"}},
                     {{"part", "depth"}, {"axis", "depth"}, {"state", "not recorded"}}}}};
  const auto text = chairctl::calibration_text(shown);
  EXPECT_NE(text.find("file: /var/lib/massaged/calibration.toml (whole, format 2)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("in use: NOT VALID\nprograms cannot run: the depth drive was replaced\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("measured on:\n"
                      "  force   depth drive serial 20260003, firmware 0x0104, "
                      "2026-11-24T13:05:02Z by uid 1000\n"
                      "          NOT IN USE: the depth drive was replaced (serial 20260003 when "
                      "calibrated, now 20269999): calibrate again with chairctl calibrate force\n"
                      "  travel  travel drive without a serial number, firmware 0x0105\n"
                      "  width   not measured: the mechanism's own\n"
                      "  depth   drive not recorded (a file of format 1): recorded at the next "
                      "commit\n"),
            std::string::npos)
      << text;
}

}  // namespace
