// The chair's control inside the real massaged process, against the real chair-sim over Modbus
// TCP: what systemd's STATUS= line says the chair does, SIGUSR2 resetting the start-up latch
// (the chair homes and parks), SIGUSR1 stopping it at once, SIGTERM leaving the actuators in
// their safe state, and the watchdog pinged only while the drives answer.

#include <signal.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/sim_process.hpp"
#include "support/temp_directory.hpp"
#include "tests/daemon/support/child_process.hpp"
#include "tests/daemon/support/notify_listener.hpp"

using massaged::testing::ChildOptions;
using massaged::testing::ChildProcess;
using massaged::testing::NotifyListener;
using test_support::TempDirectory;
using namespace std::chrono_literals;
using testing::HasSubstr;

namespace {

// Homing and parking run in real time; the suite also runs under sanitizers.
constexpr auto kPatience = 60s;

class MassagedChair : public testing::Test {
 protected:
  void start(std::map<std::string, std::string> environment = {}) {
    std::ofstream(config_) << "[api]\nsocket = \"" << (dir_ / "api.sock").string()
                           << "\"\n[[bus]]\nname = \"main\"\ntransport = \"tcp\"\nprofile = \""
                           << MASSAGED_SOURCE_DIR << "/config/profiles/ra1.toml\"\n"
                           << "[bus.tcp]\nhost = \"127.0.0.1\"\nport = " << sim_.port() << "\n"
                           << axes();
    environment["NOTIFY_SOCKET"] = notify_.path().string();
    ChildOptions options{{"--config", config_.string()}, environment, std::nullopt};
    daemon_ = std::make_unique<ChildProcess>(MASSAGED_EXECUTABLE, options, dir_.path());
  }

  static std::string axes() {
    std::string text;
    int unit = 1;
    for (const char* kind : {"travel", "width", "depth", "knead", "tap"}) {
      text += "[[bus.axis]]\nkind = \"" + std::string(kind) +
              "\"\nunit = " + std::to_string(unit++) + "\n";
    }
    return text;
  }

  void expect_status(const std::string& text) {
    ASSERT_TRUE(notify_.wait_for("STATUS=" + text, kPatience, notified_))
        << "waiting for STATUS=" << text << "\n"
        << notified_ << "\nmassaged:\n"
        << daemon_->standard_error();
  }

  nlohmann::json truth() { return sim_.control({{"cmd", "state"}}); }
  // The chair's state once every drive has its quick stop, or after a second without: the bus
  // thread sends a stop within milliseconds of the request, a busy test machine permitting.
  nlohmann::json truth_once_stopped() {
    const auto patience = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    for (;;) {
      auto state = truth();
      bool all = true;
      for (const auto& [name, axis] : state["axes"].items()) {
        all = all && axis["quick_stop"].get<bool>();
      }
      if (all || std::chrono::steady_clock::now() >= patience) return state;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  test_support::SimProcess sim_{test_support::SimProcess::Link::tcp};
  TempDirectory dir_;
  std::filesystem::path config_ = dir_ / "chair.toml";
  NotifyListener notify_{dir_ / "notify.sock"};
  std::string notified_;
  std::unique_ptr<ChildProcess> daemon_;
};

TEST_F(MassagedChair, ResetHomesTheChairEmergencyStopStopsItAndSigtermLeavesItSafe) {
  start();
  expect_status("starting: the drives are ready; the emergency-stop latch is set at start-up");
  const auto before_reset = truth();
  for (const auto& [name, axis] : before_reset["axes"].items()) {
    EXPECT_FALSE(axis["enabled"].get<bool>()) << name << ": nothing moves before the reset";
  }

  daemon_->send_signal(SIGUSR2);
  expect_status("homing depth");
  expect_status("homing travel");
  expect_status("parking the rollers");
  expect_status("ready");
  auto state = truth();
  for (const char* axis : {"travel", "width", "depth"}) {
    EXPECT_TRUE(state["axes"][axis]["homed"].get<bool>()) << axis;
  }
  EXPECT_NEAR(state["axes"]["travel"]["position"].get<double>(), 5.0, 1.0);

  daemon_->send_signal(SIGUSR1);
  expect_status("emergency stop: requested by SIGUSR1");
  state = truth_once_stopped();
  for (const auto& [name, axis] : state["axes"].items()) {
    EXPECT_TRUE(axis["quick_stop"].get<bool>()) << name;
  }
  daemon_->send_signal(SIGUSR2);
  expect_status("ready");

  daemon_->send_signal(SIGTERM);
  EXPECT_EQ(daemon_->wait_for_exit(kPatience), 0) << daemon_->standard_error();
  EXPECT_THAT(daemon_->standard_error(),
              HasSubstr("the actuators are in their safe state: stopped, rollers retracted"));
  state = truth();
  for (const auto& [name, axis] : state["axes"].items()) {
    EXPECT_FALSE(axis["enabled"].get<bool>()) << name;
    EXPECT_TRUE(axis["quick_stop"].get<bool>()) << name;
  }
  EXPECT_NEAR(state["axes"]["depth"]["position"].get<double>(), 0.0, 0.5);
}

TEST_F(MassagedChair, TheWatchdogIsPingedOnlyWhileTheDrivesAnswer) {
  start({{"WATCHDOG_USEC", "400000"}});  // a ping every 200 ms
  expect_status("starting: the drives are ready");
  std::string pings;
  ASSERT_TRUE(notify_.wait_for("WATCHDOG=1", kPatience, pings)) << pings;

  sim_.control({{"cmd", "link"}, {"silent", true}});
  // Pings already on their way may still come; then none while the drives are silent.
  while (notify_.receive(600ms)) {
  }
  std::string silent;
  EXPECT_FALSE(notify_.wait_for("WATCHDOG=1", 1s, silent)) << silent;

  sim_.control({{"cmd", "clear"}});
  EXPECT_TRUE(notify_.wait_for("WATCHDOG=1", kPatience, pings)) << pings;
  daemon_->send_signal(SIGTERM);
  EXPECT_EQ(daemon_->wait_for_exit(kPatience), 0) << daemon_->standard_error();
}

}  // namespace
