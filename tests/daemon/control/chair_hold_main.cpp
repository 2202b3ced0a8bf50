// chair-hold: a test program that runs the real controller library, in real time, against a
// chair reached over Modbus TCP (the simulator), and presses one spot until it is killed. It
// exists to prove that a daemon killed mid-press leaves the drives to stop themselves: the
// test kills it with SIGKILL and watches the simulator's truth. It is not part of massaged,
// which never presses without a session.
//
//   chair-hold --host 127.0.0.1 --port 1502 [--shoulder-mm 440] [--force 20]
//
// Prints "pressing" on stdout once the rollers press the spot with at least half the force.

#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "daemon/control/chair_controller.hpp"
#include "daemon/control/control_loop.hpp"
#include "daemon/control/cycle_waiter.hpp"
#include "profile/profile_loader.hpp"
#include "tests/daemon/control/simulator_calibration.hpp"
#include "tests/daemon/support/hold_at_spot.hpp"

namespace {

using namespace std::chrono_literals;

hal::BusConfig bus_to(const std::string& host, std::uint16_t port) {
  hal::BusConfig bus;
  bus.name = "main";
  bus.link = hal::TcpEndpoint{host, port};
  bus.profile_path = std::filesystem::path(MASSAGED_SOURCE_DIR) / "config/profiles/ra1.toml";
  bus.profile = hal::load_profile(bus.profile_path);
  int unit = 1;
  for (const auto kind : hal::kAllAxisKinds) bus.axes.push_back({kind, unit++});
  bus.drive_comm_timeout = 300ms;
  bus.drive_comm_loss_action = hal::CommLossAction::quick_stop;
  return bus;
}

// Waits (in real time, while the loop runs) until `done` holds; false after `limit`.
template <class Done>
bool wait_for(Done done, std::chrono::seconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

int fail(const std::string& what) {
  std::cerr << "chair-hold: " << what << std::endl;
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Presses one spot of a (simulated) chair with the real controller until killed."};
  std::string host = "127.0.0.1";
  int port = 1502;
  double shoulder = 440.0;
  double force = 20.0;
  app.add_option("--host", host, "Modbus TCP host");
  app.add_option("--port", port, "Modbus TCP port")->check(CLI::Range(1, 65535));
  app.add_option("--shoulder-mm", shoulder, "where the shoulders are on the track");
  app.add_option("--force", force, "the contact force to press with, N");
  CLI11_PARSE(app, argc, argv);

  hal::ChairDrives drives({bus_to(host, static_cast<std::uint16_t>(port))});
  control::ControllerSettings settings;
  settings.calibration = control_test::simulator_calibration();
  // A test machine busy with other tests must not make the drives look lost: 200 ms of silence
  // before the chair faults (the drives' own watchdog, 300 ms, is what the test is about).
  settings.comm_loss_cycles = 20;
  control::ChairController controller(drives, hal::steady_clock(), settings);
  control::SleepingWaiter waiter;
  control::ControlLoop loop(controller, hal::steady_clock(), waiter, 10ms);
  std::jthread thread([&loop](const std::stop_token& stop) { loop.run(stop); });

  const auto status_is = [&controller](control::ChairState state) {
    return [&controller, state] { return controller.status().state == state; };
  };
  if (!wait_for([&] { return controller.status().cause.starts_with("the drives are ready"); },
                10s)) {
    return fail("the drives did not start: " + controller.status().describe());
  }
  if (const auto r = controller.reset().get(); !r.accepted) return fail(r.message);
  if (!wait_for(status_is(control::ChairState::ready), 60s)) {
    return fail("the chair did not become ready: " + controller.status().describe());
  }

  const bodymap::BodyMap body(units::Millimetres(shoulder), bodymap::ChairGeometry{});
  control::HoldSpec spec;
  spec.travel = body.travel_of(anatomy::VertebralLevel::T8);
  spec.force = units::Newtons(force);
  spec.context.body = body;
  if (const auto r = controller.start_session(std::make_unique<control::HoldAtSpot>(spec)).get();
      !r.accepted) {
    return fail(r.message);
  }
  if (!wait_for(
          [&] {
            const auto d = controller.last_decision();
            return d && d->engage_depth &&
                   drives.linear(hal::AxisKind::depth).reading().value().force >
                       settings.calibration.force.raw(units::Newtons(force / 2.0));
          },
          60s)) {
    return fail("the rollers did not press: " + controller.status().describe());
  }
  std::cout << "pressing" << std::endl;
  for (;;) std::this_thread::sleep_for(1s);  // until killed
}
