#include "daemon/calibration/guided_calibration.hpp"

#include <gtest/gtest.h>

#include "daemon/calibration/drive_range.hpp"
#include "tests/daemon/calibration/stored_calibration_for_tests.hpp"
#include "tests/daemon/control/chair_rig.hpp"

namespace calibration {
namespace {

using control_test::ChairRig;
using control_test::RigOptions;

// Nobody in the chair, and a chair never calibrated: the technician's first visit.
RigOptions empty_chair() {
  RigOptions options;
  options.calibration = safety::uncalibrated();
  options.body.seated = false;
  return options;
}

// Polls the procedure while the chair runs, until the measurement is over.
StepView measure(ChairRig& rig, GuidedCalibration& guide, StepView view) {
  const bool over = rig.run_until(
      [&] {
        view = guide.poll();
        return !view.measuring;
      },
      std::chrono::seconds(120));
  EXPECT_TRUE(over) << "the measurement did not end: " << view.instruction;
  return view;
}

TEST(GuidedCalibration, CalibratedForceReadsWithinTwoPercentOfTheTrueForce) {
  ChairRig rig(empty_chair());
  ASSERT_TRUE(rig.bring_to_ready());
  const CalibrationInUse in_use(calibration_test::never_calibrated());
  GuidedCalibration guide(rig.controller(), in_use, {});

  guide.begin(Procedure::force_sensor);
  auto view = measure(rig, guide, guide.confirm());
  ASSERT_TRUE(view.error.empty()) << view.error;
  // Light enough that the fault watch, judging the uncalibrated reading, lets it be.
  rig.chair().place_reference_load(units::Newtons(30.0));
  view = measure(rig, guide, guide.confirm(units::Newtons(30.0)));
  ASSERT_TRUE(view.error.empty()) << view.error;
  ASSERT_TRUE(view.finished);
  ASSERT_TRUE(guide.staged());

  const auto force = guide.staged()->force;
  for (const double truth : {10.0, 30.0, 120.0}) {
    rig.chair().place_reference_load(units::Newtons(truth));
    // The mean of many samples, as a force filter would see it: the cell's noise averaged out.
    double sum = 0.0;
    constexpr int kSamples = 200;
    for (int i = 0; i < kSamples; ++i) {
      rig.chair().advance(std::chrono::milliseconds(1));
      sum += force.corrected(rig.chair().force().reading).value();
    }
    EXPECT_NEAR(sum / kSamples, truth, truth * 0.02) << "at " << truth << " N";
  }
}

TEST(GuidedCalibration, UnsteadyLoadIsRefusedAndTheStepCanBeRepeated) {
  ChairRig rig(empty_chair());
  ASSERT_TRUE(rig.bring_to_ready());
  const CalibrationInUse in_use(calibration_test::never_calibrated());
  GuidedCalibration guide(rig.controller(), in_use, {});
  guide.begin(Procedure::force_sensor);
  auto view = guide.confirm();
  // Someone leans on the rollers half way through the zero.
  const bool leaned = rig.run_until(
      [&] {
        view = guide.poll();
        return view.measuring && rig.controller().status().state == control::ChairState::running;
      },
      std::chrono::seconds(5));
  ASSERT_TRUE(leaned);
  rig.run_for(std::chrono::milliseconds(700));
  rig.chair().place_reference_load(units::Newtons(15.0));
  rig.run_for(std::chrono::milliseconds(100));
  rig.chair().remove_reference_load();
  view = measure(rig, guide, view);
  EXPECT_NE(view.error.find("unstable"), std::string::npos) << view.error;
  EXPECT_FALSE(guide.staged());

  view = measure(rig, guide, guide.confirm());
  EXPECT_TRUE(view.error.empty()) << view.error;
  EXPECT_NE(view.instruction.find("reference load"), std::string::npos);
}

TEST(GuidedCalibration, TravelEndStopsFoundWithinOneMillimetre) {
  ChairRig rig(empty_chair());
  ASSERT_TRUE(rig.bring_to_ready());
  ProcedureSettings settings;
  const auto range_max = drive_range_max(rig.drives(), hal::AxisKind::travel);
  ASSERT_TRUE(range_max);
  settings.travel.travel_range_max = *range_max;
  settings.travel.supervisor_margin = rig.options().limits.range_margin;
  const CalibrationInUse in_use(calibration_test::never_calibrated());
  GuidedCalibration guide(rig.controller(), in_use, settings);

  guide.begin(Procedure::travel_range);
  const auto view = measure(rig, guide, guide.confirm());
  ASSERT_TRUE(view.error.empty()) << view.error;
  ASSERT_TRUE(view.finished);
  const auto stops = guide.end_stops();
  ASSERT_TRUE(stops);
  // The simulated mechanism's end stops: 0 and 1200 mm.
  EXPECT_NEAR(stops->min.value(), 0.0, 1.0);
  EXPECT_NEAR(stops->max.value(), 1200.0, 1.0);
  ASSERT_TRUE(guide.staged());
  EXPECT_GT(guide.staged()->travel.min, stops->min);
  EXPECT_LT(guide.staged()->travel.max, stops->max);
}

}  // namespace
}  // namespace calibration
