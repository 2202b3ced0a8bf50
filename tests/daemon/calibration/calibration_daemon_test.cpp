// The technician's tools end to end: the real massaged on the real chair-sim over Modbus TCP
// (with the simulator's load-cell offset and gain error), through the API and through chairctl
// run as a child process, in real time.

#include <signal.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/daemon/chairctl/chair_under_test.hpp"
#include "tests/daemon/chairctl/chairctl_run.hpp"

using massaged::testing::ChairOptions;
using massaged::testing::ChairUnderTest;
using massaged::testing::ChildOptions;
using massaged::testing::ChildProcess;
using massaged::testing::ClientIdentity;
using massaged::testing::kChairPatience;
using nlohmann::json;
using namespace std::chrono_literals;
using testing::HasSubstr;

namespace {

// Nobody sits in the chair while a technician works on it.
ChairOptions empty_chair(bool calibrated, std::string api_keys = {}) {
  ChairOptions options;
  options.sim_arguments = {"--nobody"};
  options.calibrated = calibrated;
  options.api_keys = std::move(api_keys);
  return options;
}

// Polls the procedure until the chair has measured.
json measured(chairctl::ChairClient& client, json step) {
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (step.value("measuring", false) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(100ms);
    step = client.call("calibration.poll", nullptr, 10s);
  }
  return step;
}

// The simulator's load cell reads 1.06 × force + 3 N (its gain and offset error).
double simulator_reading(double newtons) { return 1.06 * newtons + 3.0; }

// Calibrates the force sensor through the API with a 30 N reference load and commits.
json calibrate_force(ChairUnderTest& chair) {
  auto client = chair.client();
  client.call("calibration.begin", json{{"procedure", "force"}});
  auto step = measured(client, client.call("calibration.confirm"));
  EXPECT_TRUE(step["error"].is_null()) << step;
  // Light enough that the fault watch, judging the uncorrected reading, lets it be.
  chair.sim().control({{"cmd", "reference_load"}, {"newtons", 30}});
  step = measured(client, client.call("calibration.confirm", json{{"reference_newtons", 30}}));
  EXPECT_TRUE(step.value("finished", false)) << step;
  chair.sim().control({{"cmd", "reference_load"}, {"newtons", nullptr}});
  return client.call("calibration.commit", nullptr, 30s);
}

// Stops the chair's daemon, as a technician switches the chair off.
void stop_daemon(ChairUnderTest& chair) {
  chair.daemon().send_signal(SIGTERM);
  EXPECT_TRUE(chair.daemon().wait_for_exit(kChairPatience));
}

// Starts another daemon on the stopped one's configuration and state directory; returns once
// its API says it is ready.
std::unique_ptr<ChildProcess> start_again(ChairUnderTest& chair) {
  const auto output = chair.directory() / "restarted";
  std::filesystem::create_directories(output);
  auto again = std::make_unique<ChildProcess>(
      MASSAGED_EXECUTABLE,
      ChildOptions{{"--config", (chair.directory() / "chair.toml").string()}, {}, std::nullopt},
      output);
  const auto deadline = std::chrono::steady_clock::now() + kChairPatience;
  for (;;) {
    try {
      if (chair.call("server.info")["state"] == "ready") return again;
    } catch (const std::exception&) {
      // Not listening yet.
    }
    if (again->wait_for_exit(0ms) || std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("massaged did not start again:\n" + again->standard_error());
    }
    std::this_thread::sleep_for(20ms);
  }
}

std::unique_ptr<ChildProcess> restart(ChairUnderTest& chair) {
  stop_daemon(chair);
  return start_again(chair);
}

// Asks calibration.show until `done` holds for its answer (the drives identify themselves
// shortly after the daemon starts); returns the last answer.
json shown_when(ChairUnderTest& chair, const std::function<bool(const json&)>& done) {
  const auto deadline = std::chrono::steady_clock::now() + kChairPatience;
  auto shown = chair.call("calibration.show");
  while (!done(shown) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
    shown = chair.call("calibration.show");
  }
  return shown;
}

TEST(TechnicianEndToEnd, NeverCalibratedChairRefusesProgramsSayingToCalibrate) {
  // Refused for its calibration before anything else, even while the chair still starts.
  ChairUnderTest chair(empty_chair(false));
  try {
    chair.call("session.start", {{"program", "quick-relief"}});
    FAIL() << "a program started on a chair never calibrated";
  } catch (const chairctl::RemoteError& e) {
    EXPECT_EQ(e.code(), -32002);
    EXPECT_THAT(e.what(), HasSubstr("chairctl calibrate"));
    EXPECT_EQ(e.data()["reason"], "not calibrated");
  }
  const auto shown = chair.call("calibration.show");
  EXPECT_EQ(shown["stored"], "none");
  EXPECT_THAT(shown["refusal"].get<std::string>(), HasSubstr("never calibrated"));
}

TEST(TechnicianEndToEnd, ForceCalibrationReadsWithinTwoPercentAndSurvivesARestart) {
  ChairUnderTest chair(empty_chair(false));
  chair.make_ready();
  const auto committed = calibrate_force(chair);
  const auto& force = committed["calibration"]["force"];
  const double offset = force["offset_n"].get<double>();
  const double gain = force["gain"].get<double>();
  for (const double truth : {10.0, 30.0, 120.0}) {
    EXPECT_NEAR((simulator_reading(truth) - offset) / gain, truth, truth * 0.02)
        << "at " << truth << " N: offset " << offset << ", gain " << gain;
  }
  EXPECT_TRUE(chair.wait_for("ready", 10s));
  // A program may start now, on the newly calibrated chair.
  const auto started = chair.call("session.start", {{"program", "quick-relief"}});
  EXPECT_THAT(started.value("message", std::string()), HasSubstr("session started"));
  chair.call("session.stop");
  ASSERT_TRUE(chair.wait_for("ready", kChairPatience));

  // The daemon stops and starts again on the same state directory: the calibration stays.
  const auto again = restart(chair);
  const auto shown = chair.call("calibration.show");
  EXPECT_EQ(shown["stored"], "whole") << shown;
  EXPECT_TRUE(shown["calibration"]["valid"].get<bool>());
  EXPECT_NEAR(shown["calibration"]["force"]["gain"].get<double>(), gain, 1e-4);
  // Programs are no longer refused for the calibration (the chair may still be homing).
  try {
    chair.call("session.start", {{"program", "quick-relief"}});
    chair.call("session.stop");
  } catch (const chairctl::RemoteError& e) {
    EXPECT_NE(e.data().value("reason", std::string()), "not calibrated") << e.what();
  }
  again->send_signal(SIGTERM);
  EXPECT_TRUE(again->wait_for_exit(kChairPatience));
}

TEST(TechnicianEndToEnd, SwappedDepthDriveTakesItsPartOutOfUseUntilCalibratedAgain) {
  ChairUnderTest chair(empty_chair(false));
  chair.make_ready();
  {
    auto client = chair.client();
    client.call("calibration.begin", json{{"procedure", "width"}});
    const auto step = measured(client, client.call("calibration.confirm"));
    ASSERT_TRUE(step.value("finished", false)) << step;
  }  // staged, to be committed with the force sensor
  const auto committed = calibrate_force(chair);
  const auto width = committed["calibration"]["width"];
  ASSERT_NEAR(width["min_mm"].get<double>(), 42.0, 1.0) << committed;
  auto shown = chair.call("calibration.show");
  EXPECT_EQ(shown["parts"][0]["drive"]["serial"], 20260003) << shown;
  EXPECT_EQ(shown["parts"][0]["technician_uid"], ::geteuid());
  EXPECT_EQ(shown["parts"][2]["drive"]["serial"], 20260002);

  // The chair is switched off, its depth drive swapped for another, and switched on again.
  stop_daemon(chair);
  chair.sim().control({{"cmd", "replace_drive"}, {"axis", "depth"}, {"serial", 20269999}});
  const auto again = start_again(chair);
  shown = shown_when(chair, [](const json& s) { return s["parts"][0]["state"] == "replaced"; });
  const std::string refusal =
      "programs cannot run: the depth drive was replaced (serial 20260003 when calibrated, now "
      "20269999): the force sensor's calibration was measured on the old drive and is not used; "
      "calibrate it again: chairctl calibrate force";
  EXPECT_EQ(shown["refusal"], refusal) << shown;
  EXPECT_FALSE(shown["calibration"]["valid"].get<bool>());
  EXPECT_EQ(shown["calibration"]["force"]["gain"], 1.0) << "the old drive's gain is not applied";
  EXPECT_EQ(shown["calibration"]["width"], width) << "the width drive is the one measured";
  EXPECT_EQ(shown["parts"][2]["state"], "measured");
  EXPECT_THAT(again->standard_error(), HasSubstr("calibration: " + refusal));
  try {
    chair.call("session.start", {{"program", "quick-relief"}});
    ADD_FAILURE() << "a program started with the old depth drive's calibration";
  } catch (const chairctl::RemoteError& e) {
    EXPECT_EQ(e.data()["reason"], "not calibrated") << e.what();
    EXPECT_EQ(std::string(e.what()), refusal);
  }
  const auto show =
      massaged::testing::run_chairctl({"--socket", chair.socket().string(), "calibration"});
  EXPECT_THAT(show.out, HasSubstr("NOT IN USE: the depth drive was replaced (serial 20260003 "
                                  "when calibrated, now 20269999): calibrate again with chairctl "
                                  "calibrate force"));

  // Calibrated again, on the new drive: programs run.
  chair.make_ready();
  const auto recalibrated = calibrate_force(chair);
  EXPECT_TRUE(recalibrated["calibration"]["valid"].get<bool>()) << recalibrated;
  shown = chair.call("calibration.show");
  EXPECT_TRUE(shown["refusal"].is_null()) << shown;
  EXPECT_EQ(shown["parts"][0]["drive"]["serial"], 20269999);
  EXPECT_TRUE(chair.wait_for("ready", 10s));
  const auto started = chair.call("session.start", {{"program", "quick-relief"}});
  EXPECT_THAT(started.value("message", std::string()), HasSubstr("session started"));
  chair.call("session.stop");
  ASSERT_TRUE(chair.wait_for("ready", kChairPatience));
  again->send_signal(SIGTERM);
  EXPECT_TRUE(again->wait_for_exit(kChairPatience));
}

TEST(TechnicianEndToEnd, DamagedCalibrationFileIsRefusedWithAClearMessage) {
  ChairUnderTest chair(empty_chair(true));
  // A byte changed on the disk: the checksum no longer matches.
  const auto file = chair.directory() / "state" / "calibration.toml";
  std::string text;
  {
    std::ifstream in(file);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const auto gain = text.find("gain = 1.06");
  ASSERT_NE(gain, std::string::npos) << text;
  text[gain + 10] = '9';
  std::ofstream(file) << text;
  const auto again = restart(chair);

  const auto shown = chair.call("calibration.show");
  EXPECT_EQ(shown["stored"], "damaged") << shown;
  EXPECT_THAT(shown["problem"].get<std::string>(), HasSubstr(file.string()));
  EXPECT_THAT(shown["refusal"].get<std::string>(), HasSubstr("unusable"));
  EXPECT_FALSE(shown["calibration"]["valid"].get<bool>());
  try {
    chair.call("session.start", {{"program", "quick-relief"}});
    ADD_FAILURE() << "a program started on a damaged calibration";
  } catch (const chairctl::RemoteError& e) {
    EXPECT_EQ(e.data()["reason"], "not calibrated") << e.what();
  }
  again->send_signal(SIGTERM);
  EXPECT_TRUE(again->wait_for_exit(kChairPatience));
}

// One calibrated chair for the tests below, homed once: homing runs in real time. Its panel
// group is numbered, as a deployment names its groups in [api.roles]; the tests themselves call
// as root, which holds every role.
class CalibratedChair : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    chair_ =
        std::make_unique<ChairUnderTest>(empty_chair(true, "[api.roles]\npanel = [\"61001\"]\n"));
    chair_->make_ready();
  }
  static void TearDownTestSuite() { chair_.reset(); }
  void SetUp() override { ASSERT_TRUE(chair_->wait_for("ready", kChairPatience)); }

  static std::unique_ptr<ChairUnderTest> chair_;
};

std::unique_ptr<ChairUnderTest> CalibratedChair::chair_;

TEST_F(CalibratedChair, JogStopsWhenConfirmationsStopAndWhenTheClientDisconnects) {
  auto& chair = *chair_;
  const double start = chair.truth()["travel"]["position"].get<double>();
  {
    auto client = chair.client();
    client.call("jog.start", json{{"axis", "travel"}, {"step_mm", 300}, {"speed_mm_s", 40}});
    for (int i = 0; i < 4; ++i) {
      client.call("jog.confirm");
      std::this_thread::sleep_for(150ms);
    }
    // The confirmations stop: the jog ends within the 300 ms gap and a few cycles.
    std::this_thread::sleep_for(600ms);
    EXPECT_NE(chair.state(), "running");
    try {
      client.call("jog.confirm");
      ADD_FAILURE() << "a jog went on without its confirmations";
    } catch (const chairctl::RemoteError& e) {
      EXPECT_EQ(e.data()["reason"], "no jog");
    }
  }
  EXPECT_LT(chair.truth()["travel"]["position"].get<double>(), start + 100.0);
  ASSERT_TRUE(chair.wait_for("ready", kChairPatience));

  {
    auto client = chair.client();
    client.call("jog.start", json{{"axis", "travel"}, {"step_mm", 300}, {"speed_mm_s", 40}});
    client.call("jog.confirm");
  }  // the client disconnects at once, well before the confirmations' gap
  std::this_thread::sleep_for(150ms);
  EXPECT_NE(chair.state(), "running");
}

TEST_F(CalibratedChair, ChairctlCalibratesTheWidthWithYes) {
  auto& chair = *chair_;
  const auto run = massaged::testing::run_chairctl(
      {"--socket", chair.socket().string(), "calibrate", "width", "--yes"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("[width]"));
  EXPECT_THAT(run.out, HasSubstr("width.min_mm"));
  EXPECT_THAT(run.out, HasSubstr("and in use"));
  const auto shown = chair.call("calibration.show");
  // The simulated mechanism's width runs 40..200 mm; the soft range lies 2 mm inside.
  EXPECT_NEAR(shown["calibration"]["width"]["min_mm"].get<double>(), 42.0, 1.0) << shown;
  EXPECT_NEAR(shown["calibration"]["width"]["max_mm"].get<double>(), 198.0, 1.0) << shown;
  EXPECT_FALSE(shown["previous_file"].is_null());

  const auto show =
      massaged::testing::run_chairctl({"--socket", chair.socket().string(), "calibration"});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, HasSubstr("in use: valid"));
}

TEST_F(CalibratedChair, ChairctlSelfTestChecksEveryAxis) {
  const auto run =
      massaged::testing::run_chairctl({"--socket", chair_->socket().string(), "self-test"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  for (const char* axis : {"travel  ok", "width   ok", "depth   ok", "knead   ok", "tap     ok"}) {
    EXPECT_THAT(run.out, HasSubstr(axis));
  }
  EXPECT_THAT(run.out, HasSubstr("self-test passed"));
}

TEST_F(CalibratedChair, PanelUserIsToldCalibrationNeedsTheTechnicianRole) {
  if (!massaged::testing::can_become_other_users()) GTEST_SKIP() << "needs root";
  auto& chair = *chair_;
  chair.open_socket_to_everyone();
  const ClientIdentity panel{61000, 61000, {61001}};
  const auto run = massaged::testing::run_chairctl(
      {"--socket", chair.socket().string(), "calibrate", "force", "--yes"}, panel);
  EXPECT_EQ(run.exit_code, 4) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr("calibration.begin needs the technician role"));
}

}  // namespace
