// The technician's calibration and jog methods against the real controller and HAL driving a
// simulated chair over Modbus TCP, in stepped time: the test runs the control loop's cycles
// itself and asks the dispatcher as the main loop would, between cycles.

#include "daemon/api/methods/calibration_methods.hpp"

#include <atomic>
#include <memory>
#include <optional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/api/methods/jog_methods.hpp"
#include "daemon/api/methods/register_methods.hpp"
#include "daemon/api/methods/self_test_methods.hpp"
#include "daemon/calibration/drive_range.hpp"
#include "profile/register_names.hpp"
#include "support/temp_directory.hpp"
#include "tests/daemon/calibration/stored_calibration_for_tests.hpp"
#include "tests/daemon/control/chair_rig.hpp"

using control::ChairState;
using control_test::ChairRig;
using massaged::ApiRole;
using nlohmann::json;
using namespace std::chrono_literals;
using testing::HasSubstr;

namespace {

// A client whose connection the test closes.
class TestConnection final : public massaged::NotificationSink {
 public:
  bool send(std::string) override { return open(); }
  [[nodiscard]] bool open() const override { return open_.load(); }
  void count_subscriptions(int) override {}
  void close() { open_.store(false); }

 private:
  std::atomic<bool> open_{true};
};

// Nobody in the chair, never calibrated: the technician's first visit.
control_test::RigOptions first_visit() {
  control_test::RigOptions options;
  options.calibration = safety::uncalibrated();
  options.body.seated = false;
  return options;
}

// What the daemon starts with for the rig's calibration: nothing stored on a chair never
// calibrated, else the values as a file of format 1 holds them (no drives recorded).
calibration::StartingCalibration starting(const control_test::RigOptions& options) {
  return options.calibration.valid ? calibration_test::stored_without_drives(options.calibration)
                                   : calibration_test::never_calibrated();
}

class CalibrationApi : public testing::Test {
 protected:
  explicit CalibrationApi(control_test::RigOptions options = first_visit(),
                          std::optional<calibration::StartingCalibration> start = std::nullopt)
      : rig_(std::move(options)),
        store_(dir_.path(), files_),
        session_(rig_.controller(), session::ChairSetup{},
                 std::make_shared<session::ShoulderStore>(dir_ / "people")),
        in_use_(start ? *start : starting(rig_.options())),
        watch_(in_use_, rig_.controller(), session_, &rig_.drives()) {
    session_.use_calibration(in_use_.calibration(), in_use_.refusal());
    session_.check_calibration_with([this] { watch_.look(); });
    massaged::CalibrationContext context;
    context.controller = &rig_.controller();
    context.store = &store_;
    context.in_use = &in_use_;
    context.watch = &watch_;
    context.drives = &rig_.drives();
    context.settings.travel.supervisor_margin = rig_.options().limits.range_margin;
    context.wall_clock = [] { return kCommitTime; };
    massaged::add_calibration_methods(rpc_, context);
    massaged::add_jog_methods(rpc_, rig_.controller());
    massaged::add_register_methods(rpc_, rig_.drives());
    massaged::add_self_test_methods(rpc_, rig_.controller(), [this] {
      watch_.look();
      return session_.chair().calibration;
    });
  }

  void SetUp() override { ASSERT_TRUE(rig_.bring_to_ready()); }

  massaged::Caller technician(std::uint64_t connection = 7,
                              std::shared_ptr<massaged::NotificationSink> sink = nullptr) {
    return massaged::Caller{{}, ApiRole::technician, connection, std::move(sink)};
  }

  // Answers on the main loop; an answer that comes later is polled between control cycles.
  json call(const std::string& method, const json& params = nullptr,
            const massaged::Caller& caller = massaged::Caller{
                {}, ApiRole::technician, 7, nullptr}) {
    json r{{"jsonrpc", "2.0"}, {"method", method}, {"id", 1}};
    if (!params.is_null()) r["params"] = params;
    auto pending = rpc_.answer(r.dump(), caller);
    for (int cycles = 0; !pending.poll(std::chrono::steady_clock::now()); ++cycles) {
      if (cycles > 6000) return json("no answer in 60 s of chair time");
      rig_.cycle();
    }
    return json::parse(*pending.text());
  }

  // Polls the procedure while the chair runs, until the measurement is over.
  json measure(json step) {
    const auto measuring = [](const json& s) {
      return s.contains("result") && s["result"].value("measuring", false);
    };
    for (int cycles = 0; measuring(step); ++cycles) {
      if (cycles > 20000) return json("the measurement did not end in 200 s of chair time");
      rig_.run_for(50ms);
      step = call("calibration.poll");
    }
    return step;
  }

  // The time a commit records, as the wall clock would say.
  static constexpr std::chrono::sys_seconds kCommitTime{std::chrono::seconds{1795525502}};

  ChairRig rig_;
  test_support::TempDirectory dir_;
  calibration::DiskStateFiles files_;
  calibration::CalibrationStore store_;
  massaged::CurrentSession session_;
  calibration::CalibrationInUse in_use_;
  massaged::CalibrationWatch watch_;
  massaged::JsonRpcDispatcher rpc_;
};

TEST_F(CalibrationApi, ForceCalibrationCommittedReadsWithinTwoPercentOfTheTrueForce) {
  auto step = call("calibration.begin", {{"procedure", "force"}});
  EXPECT_THAT(step["result"]["instruction"].get<std::string>(), HasSubstr("nothing rests"));
  step = measure(call("calibration.confirm"));
  ASSERT_TRUE(step["result"]["error"].is_null()) << step;
  EXPECT_THAT(step["result"]["instruction"].get<std::string>(), HasSubstr("reference load"));

  // Light enough that the fault watch, judging the uncalibrated reading, lets it be.
  rig_.chair().place_reference_load(units::Newtons(30.0));
  step = measure(call("calibration.confirm", {{"reference_newtons", 30}}));
  ASSERT_TRUE(step["result"]["finished"].get<bool>()) << step;
  rig_.chair().remove_reference_load();

  const auto diff = call("calibration.diff")["result"];
  ASSERT_FALSE(diff["diff"].empty()) << diff;
  EXPECT_EQ(diff["diff"][0]["field"], "force.offset_n");

  const auto committed = call("calibration.commit");
  ASSERT_TRUE(committed.contains("result")) << committed;
  const auto& force = committed["result"]["calibration"]["force"];
  const safety::ForceSensorCalibration fit{units::Newtons(force["offset_n"].get<double>()),
                                           force["gain"].get<double>()};
  for (const double truth : {10.0, 30.0, 120.0}) {
    rig_.chair().place_reference_load(units::Newtons(truth));
    double sum = 0.0;
    constexpr int kSamples = 200;
    for (int i = 0; i < kSamples; ++i) {
      rig_.chair().advance(1ms);
      sum += fit.corrected(rig_.chair().force().reading).value();
    }
    EXPECT_NEAR(sum / kSamples, truth, truth * 0.02) << "at " << truth << " N";
  }
  rig_.chair().remove_reference_load();

  // Stored, whole, and what sessions are prepared with from now on.
  const auto stored = store_.load();
  ASSERT_TRUE(stored && *stored) << (stored ? "no file" : stored.error());
  EXPECT_TRUE((*stored)->calibration.valid);
  EXPECT_NEAR((*stored)->calibration.force.gain, fit.gain, 1e-3);
  EXPECT_TRUE(session_.chair().calibration.valid);
  const auto shown = call("calibration.show")["result"];
  EXPECT_EQ(shown["stored"], "whole");
  EXPECT_TRUE(shown["calibration"]["valid"].get<bool>());
  EXPECT_TRUE(shown["staged"].is_null());
  EXPECT_TRUE(shown["procedure"].is_null());
  const auto after = call("calibration.poll")["result"];
  EXPECT_FALSE(after["finished"].get<bool>());
  EXPECT_THAT(after["instruction"].get<std::string>(), HasSubstr("no procedure"));
}

TEST_F(CalibrationApi, TravelEndStopsFoundWithinOneMillimetre) {
  call("calibration.begin", {{"procedure", "travel"}});
  const auto step = measure(call("calibration.confirm"));
  ASSERT_TRUE(step["result"]["finished"].get<bool>()) << step;
  const auto diff = call("calibration.diff")["result"];
  // The simulated mechanism's end stops are 0 and 1200 mm; the soft range lies 2 mm inside.
  ASSERT_TRUE(diff["staged"].is_object()) << diff;
  EXPECT_NEAR(diff["staged"]["travel"]["min_mm"].get<double>(), 2.0, 1.0);
  EXPECT_NEAR(diff["staged"]["travel"]["max_mm"].get<double>(), 1198.0, 1.0);
  EXPECT_EQ(diff["procedures"], json::array({"travel"}));
}

TEST_F(CalibrationApi, NeverCalibratedChairCommitsOnlyWithItsForceSensorCalibrated) {
  call("calibration.begin", {{"procedure", "width"}});
  const auto step = measure(call("calibration.confirm"));
  ASSERT_TRUE(step["result"]["finished"].get<bool>()) << step;
  const auto refused = call("calibration.commit");
  EXPECT_EQ(refused["error"]["code"], -32002) << refused;
  EXPECT_THAT(refused["error"]["message"].get<std::string>(),
              HasSubstr("chairctl calibrate force"));
  EXPECT_FALSE(store_.load().value());
}

TEST_F(CalibrationApi, PanelClientIsRefusedWithTheRoleItNeeds) {
  const auto answer = call("calibration.begin", {{"procedure", "force"}},
                           massaged::Caller{{}, ApiRole::panel, 9, nullptr});
  EXPECT_EQ(answer["error"]["code"], -32001);
  EXPECT_EQ(answer["error"]["data"]["required_role"], "technician");
  EXPECT_THAT(answer["error"]["message"].get<std::string>(),
              HasSubstr("calibration.begin needs the technician role"));
  const auto jog = call("jog.start", {{"axis", "travel"}, {"step_mm", 10}},
                        massaged::Caller{{}, ApiRole::panel, 9, nullptr});
  EXPECT_EQ(jog["error"]["data"]["required_role"], "technician");
}

TEST_F(CalibrationApi, OneCalibrationAtATimeUntilItsTechnicianLeaves) {
  const auto first = std::make_shared<TestConnection>();
  call("calibration.begin", {{"procedure", "force"}}, technician(7, first));
  const auto second = call("calibration.begin", {{"procedure", "travel"}}, technician(8));
  EXPECT_EQ(second["error"]["code"], -32002) << second;
  EXPECT_EQ(second["error"]["data"]["reason"], "calibration under way");
  first->close();
  const auto again = call("calibration.begin", {{"procedure", "travel"}}, technician(8));
  EXPECT_EQ(again["result"]["procedure"], "travel") << again;
}

TEST_F(CalibrationApi, RefusedWhileASessionRunsAndWhenTheChairIsNotReady) {
  const auto jog = call("jog.start", {{"axis", "travel"}, {"step_mm", 100}});
  ASSERT_TRUE(jog.contains("result")) << jog;
  auto answer = call("calibration.begin", {{"procedure", "force"}});
  EXPECT_EQ(answer["error"]["code"], -32002) << answer;
  EXPECT_EQ(answer["error"]["data"]["reason"], "session running");
  EXPECT_THAT(answer["error"]["message"].get<std::string>(), HasSubstr("stop it first"));

  rig_.controller().emergency_stop("test");
  rig_.run_for(100ms);
  answer = call("calibration.begin", {{"procedure", "force"}});
  EXPECT_EQ(answer["error"]["data"]["reason"], "not ready") << answer;
  EXPECT_EQ(answer["error"]["data"]["state"], "emergency_stop");
}

TEST_F(CalibrationApi, JogStopsWhenItsConfirmationsStop) {
  const auto start = rig_.truth(hal::AxisKind::travel).position;
  const auto jog = call("jog.start", {{"axis", "travel"}, {"step_mm", 300}});
  ASSERT_TRUE(jog.contains("result")) << jog;
  json at;
  for (int i = 0; i < 5; ++i) {
    at = call("jog.confirm");
    rig_.run_for(200ms);
  }
  ASSERT_TRUE(at.contains("result")) << at;
  EXPECT_TRUE(at["result"]["jogging"].get<bool>());
  EXPECT_NEAR(at["result"]["target_mm"].get<double>(), start.value() + 300.0, 1.0);
  const auto moved_to = rig_.truth(hal::AxisKind::travel).position;
  EXPECT_GT(moved_to, start + units::Millimetres(10.0));

  // The client stops confirming: the jog ends, far short of its target.
  rig_.run_for(1s);
  EXPECT_NE(rig_.state(), ChairState::running);
  EXPECT_LT(rig_.truth(hal::AxisKind::travel).position, start + units::Millimetres(100.0));
  const auto late = call("jog.confirm");
  EXPECT_EQ(late["error"]["data"]["reason"], "no jog") << late;
}

TEST_F(CalibrationApi, JogStopsWhenTheClientDisconnects) {
  const auto connection = std::make_shared<TestConnection>();
  const auto jog =
      call("jog.start", {{"axis", "travel"}, {"step_mm", 300}}, technician(7, connection));
  ASSERT_TRUE(jog.contains("result")) << jog;
  call("jog.confirm", nullptr, technician(7, connection));
  rig_.run_for(100ms);
  ASSERT_EQ(rig_.state(), ChairState::running);
  connection->close();
  // Well within the confirmations' 300 ms gap: the connection's close lets go at once.
  rig_.run_for(50ms);
  EXPECT_NE(rig_.state(), ChairState::running);
}

TEST_F(CalibrationApi, JogIsConfirmedOnlyByItsOwnClient) {
  call("jog.start", {{"axis", "width"}, {"step_mm", -20}}, technician(7));
  const auto other = call("jog.confirm", nullptr, technician(8));
  EXPECT_EQ(other["error"]["data"]["reason"], "not yours") << other;
  const auto stopped = call("jog.stop", nullptr, technician(7));
  EXPECT_EQ(stopped["result"]["message"], "the jog stops where the axis stands") << stopped;
  rig_.run_for(50ms);
  EXPECT_NE(rig_.state(), ChairState::running);
}

TEST_F(CalibrationApi, RegistersAreReadByTheirNamesInTheProfile) {
  const auto read = call("diagnostics.registers",
                         {{"unit", 1}, {"names", {"identity.map_id", "RANGE_MAX", "position"}}});
  ASSERT_TRUE(read.contains("result")) << read;
  const auto& r = read["result"];
  EXPECT_EQ(r["axis"], "travel");
  ASSERT_EQ(r["registers"].size(), 3U);
  EXPECT_EQ(r["registers"][0]["name"], "identity.map_id");
  EXPECT_EQ(r["registers"][0]["address"], "0x0000");
  EXPECT_EQ(r["registers"][0]["value"], 0x5241);  // "RA"
  EXPECT_EQ(r["registers"][1]["name"], "identity.range_max");
  EXPECT_EQ(r["registers"][1]["value"], 12000);  // 1200 mm in tenths
  const double position_mm = r["registers"][2]["value"].get<double>() * 0.1;
  EXPECT_NEAR(position_mm, rig_.truth(hal::AxisKind::travel).position.value(), 1.0);

  const auto every = call("diagnostics.registers", {{"unit", 3}});
  EXPECT_EQ(every["result"]["axis"], "depth") << every;
  EXPECT_EQ(every["result"]["registers"].size(),
            hal::named_registers(rig_.drives().bus(0).channel(2).profile()).size());

  const auto unknown = call("diagnostics.registers", {{"unit", 1}, {"names", {"speed"}}});
  EXPECT_EQ(unknown["error"]["code"], -32602);
  EXPECT_THAT(unknown["error"]["message"].get<std::string>(), HasSubstr("status.velocity"));
  const auto nobody = call("diagnostics.registers", {{"unit", 42}});
  EXPECT_THAT(nobody["error"]["message"].get<std::string>(), HasSubstr("no drive has unit 42"));
  const auto panel = call("diagnostics.registers", {{"unit", 1}},
                          massaged::Caller{{}, ApiRole::panel, 9, nullptr});
  EXPECT_EQ(panel["error"]["data"]["required_role"], "technician");
}

// A calibrated chair with nobody in it: on a chair never calibrated the load cell's offset
// alone (3 N) is more than the touch the drive may push with, and the rollers stay in.
class SelfTestApi : public CalibrationApi {
 protected:
  SelfTestApi() : CalibrationApi(calibrated_empty_chair()) {}

  static control_test::RigOptions calibrated_empty_chair() {
    control_test::RigOptions options;
    options.body.seated = false;
    return options;
  }
};

TEST_F(SelfTestApi, ReportsEachAxisReachingItsTargetsWithItsCurrentAndTemperature) {
  const auto answer = call("diagnostics.self_test");
  ASSERT_TRUE(answer.contains("result")) << answer;
  const auto& r = answer["result"];
  EXPECT_TRUE(r["passed"].get<bool>()) << r;
  ASSERT_EQ(r["axes"].size(), 5U);
  for (const auto& axis : r["axes"]) {
    EXPECT_TRUE(axis["reached"].get<bool>()) << axis;
    EXPECT_GT(axis["seconds"].get<double>(), 0.0) << axis;
    EXPECT_GT(axis["peak_current_ma"].get<double>(), 0.0) << axis;
    EXPECT_GT(axis["hottest_c"].get<double>(), 15.0) << axis;
  }
  rig_.run_for(5s);
  EXPECT_EQ(rig_.state(), ChairState::ready);
}

// On a chair never calibrated the load cell's uncorrected offset (3 N) is more than the touch
// the depth drive may push with: it holds back and the rollers do not come out in time.
TEST_F(CalibrationApi, SelfTestIsRefusedOnAChairNeverCalibrated) {
  const auto answer = call("diagnostics.self_test");
  ASSERT_TRUE(answer.contains("error")) << answer;
  EXPECT_EQ(answer["error"]["code"], -32002);
  EXPECT_EQ(answer["error"]["data"]["reason"], "not calibrated");
  EXPECT_THAT(answer["error"]["message"].get<std::string>(),
              HasSubstr("calibrate it first (chairctl calibrate force)"));
  EXPECT_EQ(rig_.state(), ChairState::ready);
}

// A load cell calibrated with its offset's sign wrong: its corrected reading is a touch already,
// so the depth drive's force limit keeps the rollers from moving out.
class MiscalibratedSelfTestApi : public CalibrationApi {
 protected:
  MiscalibratedSelfTestApi() : CalibrationApi(wrong_offset()) {}

  static control_test::RigOptions wrong_offset() {
    control_test::RigOptions options;
    options.body.seated = false;
    options.calibration.force.offset = units::Newtons(-3.0);
    return options;
  }
};

TEST_F(MiscalibratedSelfTestApi, SelfTestNamesTheAxisThatDidNotReachItsTargetInTime) {
  const auto answer = call("diagnostics.self_test");
  ASSERT_TRUE(answer.contains("result")) << answer;
  const auto& r = answer["result"];
  EXPECT_FALSE(r["passed"].get<bool>()) << r;
  EXPECT_EQ(r["axes"][2]["axis"], "depth");
  EXPECT_FALSE(r["axes"][2]["reached"].get<bool>());
  EXPECT_EQ(r["axes"][2]["problem"], "did not reach depth at 10.0 mm within 4.0 s");
  for (const int other : {0, 1, 3, 4}) EXPECT_TRUE(r["axes"][other]["reached"].get<bool>()) << r;
}

TEST_F(SelfTestApi, StopsAndSaysWhyWhenAnAxisFaults) {
  rig_.chair().set_stalled(hal::AxisKind::width, true);
  const auto answer = call("diagnostics.self_test");
  ASSERT_TRUE(answer.contains("error")) << answer;
  EXPECT_EQ(answer["error"]["code"], -32002);
  EXPECT_EQ(answer["error"]["data"]["reason"], "interrupted");
  EXPECT_EQ(answer["error"]["data"]["state"], "fault");
  EXPECT_THAT(answer["error"]["message"].get<std::string>(), HasSubstr("width"));
  EXPECT_FALSE(answer["error"]["data"]["partial"]["passed"].get<bool>());
}

// A chair calibrated before, its travel's soft range 2 mm inside the end stops at 0 and 1200 mm.
class RecalibrationApi : public CalibrationApi {
 protected:
  RecalibrationApi() : CalibrationApi(calibrated_before()) {}

  static control_test::RigOptions calibrated_before() {
    control_test::RigOptions options;
    options.body.seated = false;
    options.calibration.travel = {units::Millimetres(2.0), units::Millimetres(1198.0)};
    return options;
  }
};

TEST_F(RecalibrationApi, RecalibratingTheTravelKeepsItsRangeRatherThanNarrowingIt) {
  call("calibration.begin", {{"procedure", "travel"}});
  const auto step = measure(call("calibration.confirm"));
  ASSERT_TRUE(step["result"]["finished"].get<bool>()) << step;
  EXPECT_THAT(step["result"]["result"].get<std::string>(),
              HasSubstr("reaches both ends of its calibrated range"));
  const auto staged = call("calibration.diff")["result"]["staged"];
  EXPECT_NEAR(staged["travel"]["min_mm"].get<double>(), 2.0, 0.5) << staged;
  EXPECT_NEAR(staged["travel"]["max_mm"].get<double>(), 1198.0, 0.5) << staged;
}

TEST_F(RecalibrationApi, DepthZeroIsTheRetractedPositionWhereNoContactIsRead) {
  call("calibration.begin", {{"procedure", "depth"}});
  const auto step = measure(call("calibration.confirm"));
  ASSERT_TRUE(step["result"]["finished"].get<bool>()) << step;
  EXPECT_THAT(step["result"]["result"].get<std::string>(), HasSubstr("depth: zero at 0.0 mm"));
  const auto diff = call("calibration.diff")["result"];
  EXPECT_NEAR(diff["staged"]["depth"]["min_mm"].get<double>(),
              rig_.truth(hal::AxisKind::depth).position.value(), 0.2)
      << diff;
}

TEST_F(RecalibrationApi, DepthZeroIsRefusedWhileSomethingTouchesTheRollers) {
  rig_.chair().place_reference_load(units::Newtons(15.0));
  call("calibration.begin", {{"procedure", "depth"}});
  const auto step = measure(call("calibration.confirm"));
  EXPECT_FALSE(step["result"]["finished"].get<bool>()) << step;
  EXPECT_THAT(step["result"]["error"].get<std::string>(), HasSubstr("something touches them"));
  EXPECT_TRUE(call("calibration.diff")["result"]["staged"].is_null());
}

TEST_F(CalibrationApi, DepthZeroNeedsTheForceSensorCalibratedFirst) {
  call("calibration.begin", {{"procedure", "depth"}});
  const auto step = measure(call("calibration.confirm"));
  EXPECT_FALSE(step["result"]["finished"].get<bool>()) << step;
  EXPECT_THAT(step["result"]["error"].get<std::string>(),
              HasSubstr("calibrate the force sensor first"));
}

// A chair calibrated on a depth drive that has since been replaced: its force sensor was
// measured on drive 20250117, the simulator's depth drive is 20260003; its travel was measured
// on the travel drive in place.
class ReplacedDepthDriveApi : public CalibrationApi {
 protected:
  ReplacedDepthDriveApi() : CalibrationApi(empty_chair(), measured_on_an_older_depth_drive()) {}

  static safety::Calibration measured_values() {
    auto c = control_test::simulator_calibration();
    c.travel = {units::Millimetres(2.0), units::Millimetres(1198.0)};
    return c;
  }
  static control_test::RigOptions empty_chair() {
    control_test::RigOptions options;
    options.body.seated = false;
    options.calibration = measured_values();
    return options;
  }
  static calibration::StartingCalibration measured_on_an_older_depth_drive() {
    using calibration::Procedure;
    calibration::StoredCalibration stored{calibration::kFormatVersion, measured_values(), {}};
    const auto earlier = kCommitTime - std::chrono::days(30);
    stored.parts[Procedure::force_sensor] = {{20250117, 0x0104}, earlier, 1000};
    stored.parts[Procedure::travel_range] = {{20260001, 0x0104}, earlier, 1000};
    calibration::StartingCalibration start;
    start.stored = stored;
    start.calibration = stored.calibration;
    return start;
  }
  static massaged::Caller technician_1001() {
    return massaged::Caller{{4242, 1001, 1001, {}}, ApiRole::technician, 7, nullptr};
  }
};

TEST_F(ReplacedDepthDriveApi, ForceSensorIsOutOfUseAndTheTravelStays) {
  const auto shown = call("calibration.show")["result"];
  EXPECT_EQ(shown["refusal"],
            "programs cannot run: the depth drive was replaced (serial 20250117 when calibrated, "
            "now 20260003): the force sensor's calibration was measured on the old drive and is "
            "not used; calibrate it again: chairctl calibrate force")
      << shown;
  EXPECT_FALSE(shown["calibration"]["valid"].get<bool>());
  EXPECT_EQ(shown["calibration"]["force"]["gain"], 1.0) << "the old drive's gain is not applied";
  EXPECT_EQ(shown["calibration"]["travel"]["min_mm"], 2.0) << "the travel drive is the same";
  EXPECT_EQ(shown["format_version"], 2);
  const auto& force = shown["parts"][0];
  EXPECT_EQ(force["part"], "force");
  EXPECT_EQ(force["state"], "replaced");
  EXPECT_EQ(force["drive"]["serial"], 20250117);
  EXPECT_EQ(force["drive_in_place"]["serial"], 20260003);
  EXPECT_THAT(force["problem"].get<std::string>(), HasSubstr("chairctl calibrate force"));
  EXPECT_EQ(shown["parts"][1]["state"], "measured");
  EXPECT_EQ(shown["parts"][1]["technician_uid"], 1000);
  EXPECT_EQ(shown["parts"][2]["state"], "not measured");

  // The supervisor holds it too: the self-test, like every program, is refused.
  const auto self_test = call("diagnostics.self_test");
  EXPECT_EQ(self_test["error"]["data"]["reason"], "not calibrated") << self_test;
  rig_.run_for(50ms);
  EXPECT_FALSE(rig_.controller().status().latched);
}

TEST_F(ReplacedDepthDriveApi, CommitIsRefusedUntilTheForceSensorIsMeasuredAgain) {
  call("calibration.begin", {{"procedure", "width"}});
  const auto step = measure(call("calibration.confirm"));
  ASSERT_TRUE(step["result"]["finished"].get<bool>()) << step;
  const auto refused = call("calibration.commit");
  EXPECT_EQ(refused["error"]["data"]["reason"], "force sensor not calibrated") << refused;
  EXPECT_THAT(refused["error"]["message"].get<std::string>(),
              HasSubstr("the depth drive was replaced (serial 20250117 when calibrated, now "
                        "20260003): calibrate again with chairctl calibrate force"));
}

TEST_F(ReplacedDepthDriveApi, ForceMeasuredAgainIsBoundToTheNewDriveWithTimeAndTechnician) {
  call("calibration.begin", {{"procedure", "force"}}, technician_1001());
  auto step = measure(call("calibration.confirm", nullptr, technician_1001()));
  ASSERT_TRUE(step["result"]["error"].is_null()) << step;
  rig_.chair().place_reference_load(units::Newtons(30.0));
  step = measure(call("calibration.confirm", {{"reference_newtons", 30}}, technician_1001()));
  ASSERT_TRUE(step["result"]["finished"].get<bool>()) << step;
  rig_.chair().remove_reference_load();
  const auto committed = call("calibration.commit", nullptr, technician_1001());
  ASSERT_TRUE(committed.contains("result")) << committed;
  EXPECT_TRUE(committed["result"]["calibration"]["valid"].get<bool>());

  const auto shown = call("calibration.show")["result"];
  EXPECT_TRUE(shown["refusal"].is_null()) << shown;
  const auto& force = shown["parts"][0];
  EXPECT_EQ(force["state"], "measured");
  EXPECT_EQ(force["drive"], (json{{"serial", 20260003}, {"firmware", 0x0104}}));
  EXPECT_EQ(force["calibrated_at"], "2026-11-24T13:05:02Z");
  EXPECT_EQ(force["technician_uid"], 1001);
  EXPECT_EQ(shown["parts"][1]["drive"]["serial"], 20260001) << "the travel keeps its record";
  EXPECT_TRUE(session_.chair().calibration.valid);

  const auto stored = store_.load();
  ASSERT_TRUE(stored && *stored);
  const auto& record = (*stored)->parts.at(calibration::Procedure::force_sensor);
  EXPECT_EQ(record.drive.serial, 20260003U);
  EXPECT_EQ(record.technician_uid, 1001U);
  rig_.run_for(50ms);
  EXPECT_TRUE(call("diagnostics.self_test").contains("result"));
}

}  // namespace
