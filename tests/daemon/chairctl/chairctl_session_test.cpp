// chairctl end to end: the real daemon on the simulated chair (chair-sim over Modbus TCP), driven
// only through chairctl run as a child process, as a person at a terminal or a script would.
// Flows that need only chairctl's exit codes and output are data files in flows/ (run by
// chairctl_flows_test.cpp); here are those that read JSON, files or the simulator's truth.

#include <filesystem>
#include <fstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/daemon/chairctl/chair_under_test.hpp"
#include "tests/daemon/chairctl/chairctl_run.hpp"

using massaged::testing::ChairctlRun;
using massaged::testing::ChairUnderTest;
using massaged::testing::ClientIdentity;
using massaged::testing::kChairPatience;
using nlohmann::json;
using namespace std::chrono_literals;
using testing::ContainsRegex;
using testing::HasSubstr;

namespace {

// The shortest whole session: one held point and a rest. Shoulders placed low on the track
// (see kLowShoulders) keep the body scan short too.
const std::string kShortProgram = R"(format = 1
id = "api-test-short"
name = "A short test session"
description = "One held point and a rest: the shortest whole session, for tests."
author = "massaged tests"
duration_minutes = 1

[[step]]
technique = "compression"
level = "T4"
side = "both"
muscle = "rhomboid"
intensity = 3
hold_s = 6
increments = 1
release_s = 2
repeats = 1

[[step]]
technique = "rest"
duration_s = 2
)";

const std::vector<std::string> kLowShoulders = {"--shoulder-mm", "600"};

class ChairctlSession : public testing::Test {
 protected:
  explicit ChairctlSession(massaged::testing::ChairOptions options = {kLowShoulders, "", true})
      : chair_(std::move(options)) {}

  ChairctlRun ctl(std::vector<std::string> arguments,
                  const std::optional<ClientIdentity>& as = std::nullopt) {
    arguments.insert(arguments.begin(), {"--socket", chair_.socket().string()});
    return massaged::testing::run_chairctl(arguments, as, kChairPatience);
  }

  json status() { return json::parse(ctl({"--json", "status"}).out); }

  // Polls until the session's program runs (the body scan is over).
  bool until_massaging() {
    const auto deadline = std::chrono::steady_clock::now() + kChairPatience;
    while (std::chrono::steady_clock::now() < deadline) {
      const auto progress = chair_.call("session.progress");
      if (progress.is_object() && progress["phase"] == "massaging") return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }

  ChairUnderTest chair_;
};

TEST_F(ChairctlSession, AWholeSessionFromResetToItsEnd) {
  auto run = ctl({"info"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("ready; your role: oem"));
  run = ctl({"status"});
  EXPECT_THAT(run.out, HasSubstr("latched:  yes"));

  run = ctl({"reset"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("homes and parks"));
  ASSERT_TRUE(chair_.wait_for("ready", kChairPatience)) << chair_.daemon().standard_error();

  const auto file = chair_.directory() / "short.toml";
  std::ofstream(file) << kShortProgram;
  run = ctl({"programs", "install", file.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("installed api-test-short"));
  EXPECT_THAT(ctl({"programs", "list"}).out,
              ContainsRegex("api-test-short +A short test session \\(1 min, installed\\)"));
  EXPECT_THAT(ctl({"programs", "show", "api-test-short"}).out,
              HasSubstr("compression at T4, rhomboid, both sides, intensity 3"));

  run = ctl({"start", "api-test-short", "--intensity", "6", "--user", "anna"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("session started"));
  // A one-minute program in a session of the chair's 15 minutes: the person is told both.
  EXPECT_THAT(run.out, ContainsRegex("the program takes about [0-9]+ s after the body scan"));
  EXPECT_THAT(run.out, HasSubstr("the session's limit is 15 min"));
  EXPECT_EQ(status()["state"], "running");

  run = ctl({"pause"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("paused"));
  EXPECT_EQ(status()["state"], "paused");
  run = ctl({"resume"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(status()["state"], "running");
  run = ctl({"extend"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("the session's limit is now 20 min"));

  ASSERT_TRUE(until_massaging()) << chair_.call("chair.status").dump();
  // How the scan placed anna's back is shown, and kept for her with her shoulder position.
  EXPECT_THAT(ctl({"status"}).out,
              ContainsRegex("body: +shoulders at [0-9]+ mm, levels C7 to S1 down to 920 mm\n"));
  const auto kept = chair_.directory() / "state" / "people" / "anna.json";
  const auto deadline = std::chrono::steady_clock::now() + kChairPatience;
  while (!std::filesystem::exists(kept) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_TRUE(std::filesystem::exists(kept));
  const auto record = json::parse(std::ifstream(kept));
  EXPECT_TRUE(record["last_shoulder_mm"].is_number()) << record.dump();
  EXPECT_TRUE(record["last_back_end_mm"].is_null()) << record.dump();
  for (const auto& adjustment : {"more", "less", "down", "up"}) {
    run = ctl({adjustment});
    EXPECT_EQ(run.exit_code, 0) << adjustment << ": " << run.err;
  }

  // watch follows the session to its end and says how it went.
  run = ctl({"watch"});
  EXPECT_EQ(run.exit_code, 0) << run.err << chair_.daemon().standard_error();
  EXPECT_THAT(run.out, HasSubstr("step 1/"));
  EXPECT_THAT(run.out, HasSubstr("body: shoulders at"));
  EXPECT_THAT(run.out, HasSubstr(" left"));
  EXPECT_THAT(run.out, HasSubstr("the session is over"));
  ASSERT_TRUE(chair_.wait_for("ready", kChairPatience));
  const auto after = status();
  EXPECT_EQ(after["session"]["phase"], "finished") << after.dump();
  EXPECT_EQ(after["session"]["program_id"], "api-test-short");
}

TEST_F(ChairctlSession, EmergencyStopStopsEveryDriveAndResetClearsIt) {
  chair_.make_ready();
  auto run = ctl({"estop"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("emergency stop"));
  // The answer says the stop is on its way: the bus thread sends it before its next transaction,
  // so the drives have it within a few milliseconds (a second allows for a busy test machine).
  const auto all_stopped = [](const json& axes) {
    for (const auto& [axis, truth] : axes.items()) {
      if (!truth["quick_stop"].get<bool>()) return false;
    }
    return true;
  };
  auto axes = chair_.truth();
  const auto patience = std::chrono::steady_clock::now() + 1s;
  while (!all_stopped(axes) && std::chrono::steady_clock::now() < patience) {
    std::this_thread::sleep_for(5ms);
    axes = chair_.truth();
  }
  for (const auto& [axis, truth] : axes.items()) {
    EXPECT_TRUE(truth["quick_stop"].get<bool>()) << axis;
  }
  ASSERT_TRUE(chair_.wait_for("emergency_stop", 5s));
  EXPECT_THAT(ctl({"status"}).out, HasSubstr("requested by API client"));
  // Pressed again: nothing changes.
  EXPECT_EQ(ctl({"estop"}).exit_code, 0);

  run = ctl({"start", "quick-relief"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("cannot start a session: the chair is in emergency stop"));
  run = ctl({"faults"});
  EXPECT_THAT(run.out, HasSubstr("emergency_stop"));

  std::this_thread::sleep_for(500ms);  // the quick stop runs its course
  run = ctl({"reset"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(chair_.wait_for("ready", kChairPatience));
}

// Role groups by number, as a deployment names its groups in [api.roles].
class ChairctlRoles : public ChairctlSession {
 protected:
  ChairctlRoles()
      : ChairctlSession({kLowShoulders,
                         "[api.roles]\npanel = [\"61001\"]\ntechnician = [\"61002\"]\n"
                         "oem = [\"61003\"]\n",
                         true}) {}
};

TEST_F(ChairctlRoles, EachUserGetsWhatTheirRoleAllowsAndIsToldWhichRoleIsMissing) {
  if (!massaged::testing::can_become_other_users()) GTEST_SKIP() << "needs root";
  chair_.make_ready();
  chair_.open_socket_to_everyone();
  const ClientIdentity stranger{61000, 61000, {}};
  const ClientIdentity panel{61000, 61000, {61001}};
  const ClientIdentity technician{61000, 61000, {61002}};

  auto run = ctl({"status"}, stranger);
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_THAT(run.err, HasSubstr("chair.status needs the panel role"));
  run = ctl({"info"}, stranger);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("your role: anyone"));

  run = ctl({"status"}, panel);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("chair:    ready"));
  run = ctl({"stats"}, panel);
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_THAT(run.err, HasSubstr("needs the technician role"));
  run = ctl({"programs", "remove", "quick-relief"}, technician);
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_THAT(run.err, HasSubstr("programs.remove needs the oem role"));
  run = ctl({"stats"}, technician);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("control loop: 50 Hz"));

  // Whoever can reach the socket may stop the chair; the person in the chair may clear the
  // stop they pressed.
  run = ctl({"estop"}, stranger);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_TRUE(chair_.wait_for("emergency_stop", 5s));
  EXPECT_EQ(ctl({"reset"}, stranger).exit_code, 4);
  std::this_thread::sleep_for(500ms);  // the quick stop runs its course
  run = ctl({"reset"}, panel);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(chair_.wait_for("ready", kChairPatience));
}

TEST_F(ChairctlSession, ScriptsGetJsonAndExitCodesToRelyOn) {
  chair_.make_ready();
  auto run = ctl({"--json", "programs", "show", "quick-relief"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(json::parse(run.out)["id"], "quick-relief");
  run = ctl({"--json", "programs", "show", "no-such-program"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(json::parse(run.out)["error"]["code"], -32003);
  const auto bad = chair_.directory() / "bad.toml";
  std::ofstream(bad) << "format = 1\nid = \"x\"\n";
  run = ctl({"programs", "install", bad.string()});
  EXPECT_EQ(run.exit_code, 5);
  EXPECT_THAT(run.err, HasSubstr(bad.string() + ":"));
  run = ctl({"--json", "stats"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_GT(json::parse(run.out)["loop"]["cycles"].get<int>(), 0);
}

}  // namespace
