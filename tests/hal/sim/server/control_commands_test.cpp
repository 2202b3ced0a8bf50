#include "sim/server/control_commands.hpp"

#include <gtest/gtest.h>

#include "profile/profile_loader.hpp"
#include "support/source_tree.hpp"

namespace sim {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

using test_support::kProfiles;

ChairConfig ra1_chair() {
  ChairConfig config;
  config.profile = hal::load_profile(kProfiles + "ra1.toml");
  return config;
}

class ControlCommandsTest : public ::testing::Test {
 protected:
  json run(const json& request) { return commands(request); }
  std::string refusal(const json& request) {
    try {
      commands(request);
    } catch (const std::invalid_argument& error) {
      return error.what();
    }
    return "(accepted)";
  }

  SimulatedChair chair{ra1_chair()};
  LinkFaultInjector faults{1};
  ControlCommands commands{chair, faults};
};

TEST_F(ControlCommandsTest, StateReportsEveryAxisWithItsUnitAndTheForces) {
  chair.advance(250ms);
  const json state = run({{"cmd", "state"}});
  EXPECT_TRUE(state.at("ok").get<bool>());
  EXPECT_DOUBLE_EQ(state.at("time_s").get<double>(), 0.25);
  for (const auto* axis : {"travel", "width", "depth", "knead", "tap"}) {
    ASSERT_TRUE(state.at("axes").contains(axis)) << axis;
  }
  EXPECT_EQ(state.at("axes").at("depth").at("unit"), 3);
  EXPECT_DOUBLE_EQ(state.at("axes").at("travel").at("position").get<double>(), 450.0);
  EXPECT_FALSE(state.at("axes").at("travel").at("homed").get<bool>());
  EXPECT_TRUE(state.at("seated").get<bool>());
  EXPECT_TRUE(state.contains("contact_force_n"));
  EXPECT_TRUE(state.contains("load_cell_n"));
}

TEST_F(ControlCommandsTest, ObserverListsNothingWhileNothingUnsafeHappened) {
  chair.advance(250ms);
  const json seen = run({{"cmd", "observer"}});
  EXPECT_TRUE(seen.at("ok").get<bool>());
  EXPECT_TRUE(seen.at("findings").empty()) << seen.dump();
  EXPECT_FALSE(seen.at("body_scanned").get<bool>());
  EXPECT_EQ(seen.at("dropped"), 0);
  EXPECT_NE(refusal({{"cmd", "observer"}, {"all", true}}).find("unknown field \"all\""),
            std::string::npos);
}

TEST_F(ControlCommandsTest, ObserverListsWhatItSawWithTimeRegionValueAndLimit) {
  // Switched on with the rollers left 25 mm out at the thoracic back of the person sitting in
  // it: pressing far above the ceiling, before any body scan.
  auto config = ra1_chair();
  config.power_up.travel = units::Millimetres(600.0);
  config.power_up.depth = units::Millimetres(25.0);
  SimulatedChair pressed(config);
  ControlCommands on_pressed{pressed, faults};
  pressed.advance(100ms);
  const json seen = on_pressed({{"cmd", "observer"}});
  ASSERT_EQ(seen.at("findings").size(), 2U) << seen.dump();
  const json& force = seen.at("findings").at(0);
  EXPECT_EQ(force.at("rule"), "region_force");
  EXPECT_EQ(force.at("region"), "thoracic");
  EXPECT_EQ(force.at("axis"), nullptr);
  EXPECT_EQ(force.at("unit"), "N");
  EXPECT_DOUBLE_EQ(force.at("limit").get<double>(), 44.0);
  EXPECT_GT(force.at("value").get<double>(), 44.0);
  EXPECT_DOUBLE_EQ(force.at("began_s").get<double>(), 0.001);
  EXPECT_DOUBLE_EQ(force.at("ended_s").get<double>(), 0.1);
  EXPECT_DOUBLE_EQ(force.at("travel_mm").get<double>(), 600.0);
  EXPECT_NE(force.at("text").get<std::string>().find("(thoracic)"), std::string::npos);
  EXPECT_EQ(seen.at("findings").at(1).at("rule"), "contact_before_scan");
}

TEST_F(ControlCommandsTest, LinkChangesOnlyTheFieldsGivenForTheUnitGiven) {
  run({{"cmd", "link"}, {"delay_ms", 30}});
  run({{"cmd", "link"}, {"drop", 0.2}, {"unit", 3}});
  EXPECT_EQ(faults.faults_for(3).delay, 30ms);
  EXPECT_DOUBLE_EQ(faults.faults_for(3).drop, 0.2);
  EXPECT_DOUBLE_EQ(faults.faults_for(2).drop, 0.0);
  run({{"cmd", "clear"}});
  EXPECT_EQ(faults.faults_for(3), LinkFaults{});
}

TEST_F(ControlCommandsTest, LinkValuesOutOfRangeOrMisspeltAreRefusedAndChangeNothing) {
  EXPECT_NE(refusal({{"cmd", "link"}, {"drop", 1.5}}).find("drop"), std::string::npos);
  EXPECT_NE(refusal({{"cmd", "link"}, {"dorp", 0.5}}).find("unknown field \"dorp\""),
            std::string::npos);
  EXPECT_NE(refusal({{"cmd", "link"}, {"silent", "yes"}}).find("true or false"), std::string::npos);
  EXPECT_NE(refusal({{"cmd", "link"}, {"unit", 0}}).find("unit"), std::string::npos);
  EXPECT_NE(refusal({{"cmd", "link"}, {"unit", 2.5}, {"drop", 1.0}}).find("unit"),
            std::string::npos);
  EXPECT_EQ(faults.faults_for(1), LinkFaults{});
}

TEST_F(ControlCommandsTest, StallBlocksTheAxisInTheTruth) {
  run({{"cmd", "stall"}, {"axis", "travel"}, {"on", true}});
  EXPECT_TRUE(chair.axis(hal::AxisKind::travel).stalled);
  run({{"cmd", "stall"}, {"axis", "travel"}, {"on", false}});
  EXPECT_FALSE(chair.axis(hal::AxisKind::travel).stalled);
}

TEST_F(ControlCommandsTest, AlarmFaultsTheDriveWithTheProfilesCode) {
  run({{"cmd", "alarm"}, {"axis", "depth"}, {"kind", "over_temperature"}});
  chair.advance(1ms);
  const json depth = run({{"cmd", "state"}}).at("axes").at("depth");
  EXPECT_TRUE(depth.at("fault").get<bool>());
  EXPECT_EQ(depth.at("alarm"), 2);
  EXPECT_EQ(depth.at("alarm_kind"), "over_temperature");
}

TEST_F(ControlCommandsTest, UnknownAxisOrAlarmKindIsRefusedWithTheChoices) {
  EXPECT_NE(refusal({{"cmd", "stall"}, {"axis", "elbow"}, {"on", true}}).find("travel, width"),
            std::string::npos);
  EXPECT_NE(
      refusal({{"cmd", "alarm"}, {"axis", "depth"}, {"kind", "gremlins"}}).find("over_temperature"),
      std::string::npos);
}

TEST_F(ControlCommandsTest, RebootAllLeavesEveryLinearAxisUnhomed) {
  run({{"cmd", "reboot"}, {"axis", "all"}});
  for (const auto kind : {hal::AxisKind::travel, hal::AxisKind::width, hal::AxisKind::depth}) {
    EXPECT_FALSE(chair.axis(kind).enabled);
    EXPECT_FALSE(chair.axis(kind).homed);
  }
}

TEST_F(ControlCommandsTest, ReplaceDrivePutsADriveWithAnotherSerialInPlace) {
  run({{"cmd", "replace_drive"}, {"axis", "depth"}, {"serial", 20269999}});
  std::vector<std::uint16_t> serial;
  ASSERT_EQ(chair.read(3, 0x0005, 2, serial), std::nullopt);
  EXPECT_EQ((std::uint32_t{serial[0]} << 16U) | serial[1], 20269999U);
  EXPECT_FALSE(chair.axis(hal::AxisKind::depth).homed);
  EXPECT_NE(refusal({{"cmd", "replace_drive"}, {"axis", "depth"}, {"serial", -1}}).find("serial"),
            std::string::npos);
  EXPECT_NE(
      refusal({{"cmd", "replace_drive"}, {"axis", "depth"}, {"serial", 1.5}}).find("whole number"),
      std::string::npos);
  EXPECT_NE(refusal({{"cmd", "replace_drive"}, {"axis", "depth"}}).find("\"serial\" is missing"),
            std::string::npos);
}

TEST_F(ControlCommandsTest, BodyChangesTheSeatedPersonAndKeepsWhatIsNotGiven) {
  run({{"cmd", "body"},
       {"shoulder_mm", 430},
       {"nodules",
        json::array(
            {{{"travel_mm", 520}, {"lateral_mm", 35}, {"radius_mm", 15}, {"stiffness", 2.0}}})}});
  const BodyConfig body = chair.body();
  EXPECT_TRUE(body.seated);
  EXPECT_DOUBLE_EQ(body.shoulder_travel.value(), 430.0);
  ASSERT_EQ(body.nodules.size(), 1U);
  EXPECT_DOUBLE_EQ(body.nodules[0].lateral_offset.value(), 35.0);
  EXPECT_DOUBLE_EQ(body.nodules[0].extra_stiffness, 2.0);
  run({{"cmd", "body"}, {"seated", false}});
  EXPECT_FALSE(chair.body().seated);
  EXPECT_EQ(chair.body().nodules.size(), 1U);
  // The person sits forward on a short back, then sits back.
  run({{"cmd", "body"}, {"seated", true}, {"sitting_forward_mm", 60}, {"back_end_mm", 150}});
  EXPECT_DOUBLE_EQ(chair.body().sitting_forward.value(), 60.0);
  EXPECT_DOUBLE_EQ(chair.body().back_end_above_seat.value(), 150.0);
  run({{"cmd", "body"}, {"sitting_forward_mm", 0}});
  EXPECT_DOUBLE_EQ(chair.body().sitting_forward.value(), 0.0);
  EXPECT_DOUBLE_EQ(chair.body().back_end_above_seat.value(), 150.0);
}

TEST_F(ControlCommandsTest, ImplausibleBodyIsRefusedAndTheOldOneStays) {
  // Shoulders below the seat.
  EXPECT_NE(refusal({{"cmd", "body"}, {"shoulder_mm", 900}}).find("shoulder"), std::string::npos);
  EXPECT_DOUBLE_EQ(chair.body().shoulder_travel.value(), 440.0);
  EXPECT_NE(
      refusal({{"cmd", "body"}, {"nodules", json::array({{{"depth_mm", 3}}})}}).find("depth_mm"),
      std::string::npos);
}

TEST_F(ControlCommandsTest, ReferenceLoadIsFeltByTheLoadCellUntilRemoved) {
  run({{"cmd", "body"}, {"seated", false}});
  run({{"cmd", "reference_load"}, {"newtons", 50}});
  chair.advance(10ms);
  EXPECT_DOUBLE_EQ(chair.force().reference_load.value(), 50.0);
  EXPECT_GT(chair.force().reading.value(), 40.0);
  run({{"cmd", "reference_load"}, {"newtons", nullptr}});
  EXPECT_DOUBLE_EQ(chair.force().reference_load.value(), 0.0);
}

TEST_F(ControlCommandsTest, MotorTemperatureIsSetOnThatAxis) {
  run({{"cmd", "motor_temperature"}, {"axis", "knead"}, {"celsius", 75}});
  EXPECT_NEAR(chair.axis(hal::AxisKind::knead).temperature.value(), 75.0, 0.5);
}

TEST_F(ControlCommandsTest, UnknownCommandIsRefusedWithTheKnownOnes) {
  EXPECT_NE(refusal({{"cmd", "explode"}}).find("known: state"), std::string::npos);
  EXPECT_NE(refusal({{"cmd", "state"}, {"verbose", true}}).find("takes none"), std::string::npos);
}

}  // namespace
}  // namespace sim
