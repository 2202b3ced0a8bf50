// The calibration in use against the drives in place: a part measured on a drive that was
// replaced is taken out of use, and only that part; what a commit stores binds the parts it
// measured to their drives.

#include "daemon/calibration/calibration_in_use.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/calibration/calibration_commit.hpp"

namespace calibration {
namespace {

using hal::AxisKind;
using testing::HasSubstr;

constexpr std::chrono::sys_seconds kNovember24{std::chrono::seconds{1795525502}};
constexpr DriveStamp kTravelDrive{20260001, 0x0104};
constexpr DriveStamp kDepthDrive{20260003, 0x0104};
constexpr DriveStamp kOtherDepthDrive{20269999, 0x0104};

safety::Calibration measured_values() {
  safety::Calibration c;
  c.valid = true;
  c.travel = {units::Millimetres(2.0), units::Millimetres(1198.0)};
  c.depth.min = units::Millimetres(0.4);
  c.force.offset = units::Newtons(3.02);
  c.force.gain = 1.0597;
  return c;
}

// Force, travel and the depth's zero measured; the width never was.
StartingCalibration calibrated_chair() {
  StoredCalibration s{kFormatVersion, measured_values(), {}};
  s.parts[Procedure::force_sensor] = {kDepthDrive, kNovember24, 1000};
  s.parts[Procedure::depth_zero] = {kDepthDrive, kNovember24, 1000};
  s.parts[Procedure::travel_range] = {kTravelDrive, kNovember24, 1000};
  StartingCalibration start;
  start.stored = s;
  start.calibration = s.calibration;
  return start;
}

TEST(CalibrationInUse, DrivesInPlaceKeepTheCalibrationValid) {
  CalibrationInUse in_use(calibrated_chair());
  EXPECT_TRUE(in_use.calibration().valid);
  EXPECT_FALSE(in_use.look_at({{AxisKind::travel, kTravelDrive}, {AxisKind::depth, kDepthDrive}}));
  EXPECT_TRUE(in_use.calibration().valid);
  EXPECT_TRUE(in_use.refusal().empty());
  EXPECT_TRUE(in_use.usable(Procedure::force_sensor));
  EXPECT_FALSE(in_use.usable(Procedure::width_range)) << "never measured";
}

TEST(CalibrationInUse, ReplacedDepthDriveTakesOutItsPartsOnly) {
  CalibrationInUse in_use(calibrated_chair());
  const auto version = in_use.version();
  EXPECT_TRUE(
      in_use.look_at({{AxisKind::travel, kTravelDrive}, {AxisKind::depth, kOtherDepthDrive}}));
  EXPECT_GT(in_use.version(), version);

  const auto& c = in_use.calibration();
  EXPECT_FALSE(c.valid);
  EXPECT_EQ(c.force, safety::uncalibrated().force) << "the old drive's correction is not used";
  EXPECT_EQ(c.depth.min, safety::uncalibrated().depth.min);
  EXPECT_EQ(c.travel, measured_values().travel) << "the travel drive is the same";
  EXPECT_FALSE(in_use.usable(Procedure::force_sensor));
  EXPECT_TRUE(in_use.usable(Procedure::travel_range));
  ASSERT_EQ(in_use.replaced().size(), 2U);
  EXPECT_EQ(in_use.refusal(),
            "programs cannot run: the depth drive was replaced (serial 20260003 when calibrated, "
            "now 20269999): the force sensor's calibration and the depth's zero were measured on "
            "the old drive and are not used; calibrate them again: chairctl calibrate force, then "
            "chairctl calibrate depth");
  EXPECT_EQ(replaced_text(in_use.replaced().front()),
            "the depth drive was replaced (serial 20260003 when calibrated, now 20269999): "
            "calibrate again with chairctl calibrate force");
}

TEST(CalibrationInUse, TheOldDriveBackPutsItsPartsBackInUse) {
  CalibrationInUse in_use(calibrated_chair());
  in_use.look_at({{AxisKind::depth, kOtherDepthDrive}});
  ASSERT_FALSE(in_use.calibration().valid);
  // A drive not identified at the moment (its bus reconnecting) keeps its last identity.
  EXPECT_FALSE(in_use.look_at({}));
  EXPECT_FALSE(in_use.calibration().valid);
  EXPECT_TRUE(in_use.look_at({{AxisKind::depth, kDepthDrive}}));
  EXPECT_TRUE(in_use.calibration().valid);
  EXPECT_EQ(in_use.calibration(), measured_values());
}

TEST(CalibrationInUse, DriveWithoutASerialNumberCannotBeToldFromAnother) {
  auto start = calibrated_chair();
  start.stored->parts[Procedure::force_sensor].drive = DriveStamp{std::nullopt, 0x0104};
  start.stored->parts.erase(Procedure::depth_zero);
  CalibrationInUse in_use(start);
  in_use.look_at({{AxisKind::depth, DriveStamp{std::nullopt, 0x0105}}});
  EXPECT_TRUE(in_use.calibration().valid);
  // A serial number that appears (or disappears) is a drive that cannot be vouched for.
  in_use.look_at({{AxisKind::depth, kDepthDrive}});
  EXPECT_FALSE(in_use.calibration().valid);
  EXPECT_THAT(in_use.refusal(), HasSubstr("(no serial number when calibrated, now 20260003)"));
}

TEST(CalibrationInUse, FileOfFormatOneIsUsedAsItIs) {
  StartingCalibration start;
  start.stored = StoredCalibration{1, measured_values(), {}};
  CalibrationInUse in_use(start);
  in_use.look_at({{AxisKind::depth, kOtherDepthDrive}});
  EXPECT_TRUE(in_use.calibration().valid);
  EXPECT_TRUE(in_use.usable(Procedure::width_range)) << "a format-1 file does not say";
}

TEST(CalibrationInUse, NothingStoredCannotRunPrograms) {
  StartingCalibration start;
  start.refusal = "programs cannot run: the chair was never calibrated";
  const CalibrationInUse in_use(start);
  EXPECT_FALSE(in_use.calibration().valid);
  EXPECT_EQ(in_use.refusal(), start.refusal);
  EXPECT_FALSE(in_use.usable(Procedure::force_sensor));
}

TEST(CalibrationInUse, CommitOfTheReplacedPartsMakesItValidAgain) {
  CalibrationInUse in_use(calibrated_chair());
  in_use.look_at({{AxisKind::travel, kTravelDrive}, {AxisKind::depth, kOtherDepthDrive}});
  auto staged = in_use.calibration();
  staged.force.offset = units::Newtons(2.5);
  staged.force.gain = 0.97;
  staged.depth.min = units::Millimetres(0.2);
  const CommitRecord record{in_use.drives(), kNovember24 + std::chrono::hours(1), 1002};
  const auto next = calibration_to_commit(in_use.stored(), staged,
                                          {Procedure::force_sensor, Procedure::depth_zero}, record);
  EXPECT_EQ(next.parts.at(Procedure::force_sensor),
            (PartRecord{kOtherDepthDrive, record.now, 1002}));
  EXPECT_EQ(next.parts.at(Procedure::travel_range),
            in_use.stored()->parts.at(Procedure::travel_range))
      << "a part not measured again keeps its record";
  EXPECT_EQ(next.calibration.travel, measured_values().travel);
  in_use.committed(next);
  EXPECT_TRUE(in_use.calibration().valid);
  EXPECT_DOUBLE_EQ(in_use.calibration().force.gain, 0.97);
}

TEST(CalibrationInUse, CommitLeavingAReplacedPartKeepsItOutOfUse) {
  CalibrationInUse in_use(calibrated_chair());
  in_use.look_at({{AxisKind::travel, kTravelDrive}, {AxisKind::depth, kOtherDepthDrive}});
  auto staged = in_use.calibration();
  staged.force.gain = 0.97;
  in_use.committed(calibration_to_commit(in_use.stored(), staged, {Procedure::force_sensor},
                                         {in_use.drives(), kNovember24, 1002}));
  EXPECT_FALSE(in_use.calibration().valid);
  EXPECT_EQ(in_use.refusal(),
            "programs cannot run: the depth drive was replaced (serial 20260003 when calibrated, "
            "now 20269999): the depth's zero was measured on the old drive and is not used; "
            "calibrate it again: chairctl calibrate depth");
  EXPECT_TRUE(in_use.usable(Procedure::force_sensor));
}

TEST(CalibrationInUse, FirstCommitAfterAFormatOneFileRecordsTheDrivesOfItsMeasuredParts) {
  StoredCalibration old{1, measured_values(), {}};
  const CommitRecord record{{{AxisKind::travel, kTravelDrive},
                             {AxisKind::width, DriveStamp{20260002, 0x0104}},
                             {AxisKind::depth, kDepthDrive}},
                            kNovember24,
                            1000};
  auto staged = measured_values();
  staged.depth.min = units::Millimetres(0.1);
  const auto next = calibration_to_commit(old, staged, {Procedure::depth_zero}, record);
  EXPECT_EQ(next.format_version, kFormatVersion);
  EXPECT_EQ(next.parts.at(Procedure::depth_zero), (PartRecord{kDepthDrive, kNovember24, 1000}));
  // Measured before the drives were recorded: the drive in place, no time or technician.
  EXPECT_EQ(next.parts.at(Procedure::force_sensor),
            (PartRecord{kDepthDrive, std::nullopt, std::nullopt}));
  EXPECT_EQ(next.parts.at(Procedure::travel_range),
            (PartRecord{kTravelDrive, std::nullopt, std::nullopt}));
  EXPECT_FALSE(next.parts.contains(Procedure::width_range))
      << "the mechanism's own range was never measured";
}

}  // namespace
}  // namespace calibration
