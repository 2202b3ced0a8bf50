// The calibration file's format: what a commit writes reads back the same, a file written
// before the drives were recorded (format 1) is still read, and a file that cannot be trusted is
// refused saying which file, where and why.

#include "daemon/calibration/calibration_text.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/calibration/crc32.hpp"

namespace calibration {
namespace {

using testing::HasSubstr;

constexpr std::chrono::sys_seconds kMeasuredAt{std::chrono::seconds{1795525502}};

StoredCalibration measured_on_two_drives() {
  StoredCalibration s;
  auto& c = s.calibration;
  c.valid = true;
  c.travel = {units::Millimetres(2.0), units::Millimetres(1198.0)};
  c.width = {units::Millimetres(42.5), units::Millimetres(197.25)};
  c.depth.min = units::Millimetres(0.4);
  c.force.offset = units::Newtons(3.02);
  c.force.gain = 1.0597;
  s.parts[Procedure::force_sensor] = {DriveStamp{20260003, 0x0104}, kMeasuredAt, 1000};
  s.parts[Procedure::depth_zero] = {DriveStamp{20260003, 0x0104}, kMeasuredAt, 1000};
  s.parts[Procedure::travel_range] = {DriveStamp{20260001, 0x0105},
                                      kMeasuredAt + std::chrono::minutes(5), 1001};
  // Recorded when a format-1 file was next committed: the drive, no time or technician. And a
  // drive whose profile has no serial number register.
  s.parts[Procedure::width_range] = {DriveStamp{std::nullopt, 0x0200}, std::nullopt, std::nullopt};
  return s;
}

// What to_text writes for `stored`, without its checksum line: to be changed, then checksummed.
std::string body_of(const StoredCalibration& stored) {
  const auto text = to_text(stored);
  return text.substr(0, text.rfind("# crc32"));
}

// `body` with the checksum line a commit would add.
std::string with_checksum(const std::string& body) {
  char line[32];
  std::snprintf(line, sizeof line, "# crc32 = %08x\n", crc32(body));
  return body + line;
}

// A file as the daemon wrote it before it recorded the drives: no "format" key, values only.
constexpr std::string_view kFormatOneFile =
    "# massaged calibration: written by the daemon after a technician's calibration; do not "
    "edit\n"
    "\n[travel]\nmin_mm = 2.000000\nmax_mm = 1198.000000\n"
    "\n[width]\nmin_mm = 40.000000\nmax_mm = 200.000000\n"
    "\n[depth]\nmin_mm = 0.000000\nmax_mm = 100.000000\n"
    "\n[force]\noffset_n = 3.020000\ngain = 1.059700\n"
    "# crc32 = 5d9b4305\n";

TEST(CalibrationText, WhatIsWrittenReadsBackWithEachPartsDriveTimeAndTechnician) {
  const auto written = measured_on_two_drives();
  const auto text = to_text(written);
  EXPECT_THAT(text, HasSubstr("format = 2\n"));
  EXPECT_THAT(text, HasSubstr("drive = { serial = 20260003, firmware = 0x0104 }"));
  EXPECT_THAT(text, HasSubstr("calibrated_at = \"2026-11-24T13:05:02Z\""));
  EXPECT_THAT(text, HasSubstr("technician_uid = 1000"));

  const auto read = from_text(text, "/var/lib/massaged/calibration.toml");
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read->format_version, 2);
  EXPECT_EQ(read->calibration, written.calibration);
  EXPECT_EQ(read->parts, written.parts);
}

TEST(CalibrationText, PartNeverMeasuredHasNoDriveRecorded) {
  auto written = measured_on_two_drives();
  written.parts.erase(Procedure::width_range);
  const auto read = from_text(to_text(written), "calibration.toml");
  ASSERT_TRUE(read) << read.error();
  EXPECT_FALSE(read->parts.contains(Procedure::width_range));
  EXPECT_EQ(read->parts.size(), 3U);
}

TEST(CalibrationText, FileOfFormatOneIsReadWithNoDrivesRecorded) {
  const auto read = from_text(kFormatOneFile, "/var/lib/massaged/calibration.toml");
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read->format_version, 1);
  EXPECT_TRUE(read->parts.empty());
  EXPECT_TRUE(read->calibration.valid);
  EXPECT_DOUBLE_EQ(read->calibration.force.gain, 1.0597);
  EXPECT_DOUBLE_EQ(read->calibration.travel.max.value(), 1198.0);
}

TEST(CalibrationText, FormatNewerThanThisDaemonIsRefusedSayingWhatToDo) {
  auto body = body_of(measured_on_two_drives());
  body.replace(body.find("format = 2"), 10, "format = 3");
  const auto read = from_text(with_checksum(body), "/var/lib/massaged/calibration.toml");
  ASSERT_FALSE(read);
  EXPECT_THAT(read.error(), HasSubstr("/var/lib/massaged/calibration.toml:2:10: format 3"));
  EXPECT_THAT(read.error(), HasSubstr("update massaged"));
}

TEST(CalibrationText, MalformedDriveRecordIsRefusedWithItsPlace) {
  auto body = body_of(measured_on_two_drives());
  body.replace(body.find("\"2026-11-24T13:05:02Z\""), 22, "\"24 November 2026\"");
  const auto read = from_text(with_checksum(body), "calibration.toml");
  ASSERT_FALSE(read);
  EXPECT_THAT(read.error(), HasSubstr("calibration.toml:"));
  EXPECT_THAT(read.error(), HasSubstr("calibrated_at: \"24 November 2026\" is not a time in UTC"));
  EXPECT_THAT(read.error(), HasSubstr("calibrate the chair again"));
}

TEST(CalibrationText, DriveRecordInAFileOfFormatOneIsAnUnknownKey) {
  std::string body(kFormatOneFile.substr(0, kFormatOneFile.rfind("# crc32")));
  body += "drive = { serial = 1, firmware = 2 }\n";
  const auto read = from_text(with_checksum(body), "calibration.toml");
  ASSERT_FALSE(read);
  EXPECT_THAT(read.error(), HasSubstr("calibration.toml:18:1: unknown key \"drive\" in [force]"));
}

TEST(CalibrationText, MissingValueIsRefusedNamingIt) {
  auto body = body_of(measured_on_two_drives());
  body.erase(body.find("gain = 1.059700\n"), 16);
  const auto read = from_text(with_checksum(body), "calibration.toml");
  ASSERT_FALSE(read);
  EXPECT_THAT(read.error(), HasSubstr("force.gain: required key is missing from [force]"));
}

}  // namespace
}  // namespace calibration
