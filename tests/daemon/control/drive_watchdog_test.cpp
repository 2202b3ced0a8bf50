// A controller that dies mid-press: the drives' communication timeout, set at start-up from the
// bus configuration, brings them to a quick stop without it. A real process running the real
// controller presses a spot on the real chair-sim (in real time); it is killed with SIGKILL and
// the simulator's truth shows every drive quick-stopping and the rollers retracting within the
// configured timeout plus the time to retract.

#include <signal.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/sim_process.hpp"
#include "support/temp_directory.hpp"
#include "tests/daemon/support/child_process.hpp"

using namespace std::chrono_literals;

namespace {

constexpr auto kDriveCommTimeout = 300ms;  // chair-hold's bus configuration
constexpr auto kCycle = 10ms;
// The depth axis brakes, then retracts from the press at up to 50 mm/s.
constexpr auto kRetractTime = 1s;

bool wait_for_output(const massaged::testing::ChildProcess& child, const std::string& text,
                     std::chrono::seconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (child.standard_output().find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

TEST(DriveWatchdog, KilledMidPressTheDrivesQuickStopAndTheRollersRetractOnTheirOwn) {
  test_support::SimProcess sim(test_support::SimProcess::Link::tcp);
  test_support::TempDirectory dir;
  massaged::testing::ChildOptions options;
  options.arguments = {"--host", sim.host(), "--port", std::to_string(sim.port())};
  massaged::testing::ChildProcess controller(CHAIR_HOLD_PROGRAM, options, dir.path());
  ASSERT_TRUE(wait_for_output(controller, "pressing", 90s))
      << controller.standard_error() << "\nchair-sim:\n"
      << sim.log();

  const auto pressed = sim.control({{"cmd", "state"}});
  ASSERT_GT(pressed["contact_force_n"].get<double>(), 10.0) << pressed.dump();
  for (const auto& [name, axis] : pressed["axes"].items()) {
    ASSERT_TRUE(axis["enabled"].get<bool>()) << name;
  }

  controller.send_signal(SIGKILL);
  const double killed_at = sim.control({{"cmd", "state"}})["time_s"].get<double>();

  std::optional<double> all_stopped_at;  // every drive lost communication and quick-stopped
  std::optional<double> retracted_at;    // the rollers off the back and retracted
  nlohmann::json last;
  const auto limit = std::chrono::steady_clock::now() + 5s;
  while ((!all_stopped_at || !retracted_at) && std::chrono::steady_clock::now() < limit) {
    last = sim.control({{"cmd", "state"}});
    const double now = last["time_s"].get<double>();
    bool all_stopped = true;
    for (const auto& [name, axis] : last["axes"].items()) {
      all_stopped = all_stopped && axis["comm_lost"].get<bool>();
    }
    if (all_stopped && !all_stopped_at) all_stopped_at = now;
    const bool off_the_back = last["contact_force_n"].get<double>() < 0.5 &&
                              last["axes"]["depth"]["position"].get<double>() < 0.5 &&
                              !last["axes"]["depth"]["enabled"].get<bool>();
    if (all_stopped_at && off_the_back && !retracted_at) retracted_at = now;
    std::this_thread::sleep_for(5ms);
  }
  ASSERT_TRUE(all_stopped_at) << last.dump();
  ASSERT_TRUE(retracted_at) << last.dump();
  RecordProperty("drives_stopped_after_ms", static_cast<int>((*all_stopped_at - killed_at) * 1000));
  RecordProperty("rollers_retracted_after_ms",
                 static_cast<int>((*retracted_at - killed_at) * 1000));
  const double timeout = std::chrono::duration<double>(kDriveCommTimeout + kCycle).count();
  EXPECT_LE(*all_stopped_at - killed_at, timeout + 0.05) << last.dump();
  EXPECT_LE(*retracted_at - killed_at,
            timeout + std::chrono::duration<double>(kRetractTime).count())
      << last.dump();
  for (const auto& [name, axis] : last["axes"].items()) {
    EXPECT_FALSE(axis["enabled"].get<bool>()) << name;
    EXPECT_NEAR(axis["velocity"].get<double>(), 0.0, 0.1) << name;
  }
}

}  // namespace
