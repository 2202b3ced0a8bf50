// The control loop's footprint: the real controller at 100 Hz over Modbus TCP to chair-sim (a
// process of its own, so that its physics do not count), running a pressing sweep in real time
// for about 20 s. Reports how late cycles start (p50, p99, max; goal p99 <= 0.5 ms), overruns,
// and the CPU this process used, as a share of one core (goal <= 3 %).
//
//   control_footprint_benchmark [--smoke] [--seconds N]   (--smoke: 2 s, for ctest)
//
// Prints `name: value` lines.

#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

#include <spdlog/spdlog.h>

#include "daemon/control/chair_controller.hpp"
#include "daemon/control/control_loop.hpp"
#include "daemon/control/cycle_waiter.hpp"
#include "profile/profile_loader.hpp"
#include "support/sim_process.hpp"
#include "tests/daemon/control/simulator_calibration.hpp"
#include "tests/daemon/support/travel_sweep.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

template <class Done>
bool wait_for(Done done, std::chrono::milliseconds limit) {
  const auto end = Clock::now() + limit;
  while (Clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return false;
}

void print(const char* name, double value) { std::printf("%s: %.2f\n", name, value); }

std::chrono::microseconds cpu_time() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto micros = [](const timeval& t) {
    return std::chrono::seconds(t.tv_sec) + std::chrono::microseconds(t.tv_usec);
  };
  return micros(usage.ru_utime) + micros(usage.ru_stime);
}

int fail(const std::string& what) {
  std::fprintf(stderr, "control_footprint_benchmark: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 20.0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0) seconds = 2.0;
    if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) seconds = std::stod(argv[++i]);
  }
  spdlog::set_level(spdlog::level::off);
  test_support::SimProcess sim(test_support::SimProcess::Link::tcp);

  hal::BusConfig bus;
  bus.name = "main";
  bus.link = hal::TcpEndpoint{sim.host(), static_cast<std::uint16_t>(sim.port())};
  bus.profile_path = std::filesystem::path(MASSAGED_SOURCE_DIR) / "config/profiles/ra1.toml";
  bus.profile = hal::load_profile(bus.profile_path);
  int unit = 1;
  for (const auto kind : hal::kAllAxisKinds) bus.axes.push_back({kind, unit++});

  hal::ChairDrives drives({bus});
  control::ControllerSettings settings;
  settings.calibration = control_test::simulator_calibration();
  control::ChairController controller(drives, hal::steady_clock(), settings);
  control::SleepingWaiter waiter;
  control::ControlLoop loop(controller, hal::steady_clock(), waiter, 10ms);
  std::jthread thread([&loop](const std::stop_token& stop) { loop.run(stop); });

  if (!wait_for([&] { return controller.status().cause.starts_with("the drives are ready"); },
                10s)) {
    return fail("the drives did not start: " + controller.status().describe());
  }
  if (const auto r = controller.reset().get(); !r.accepted) return fail(r.message);
  if (!wait_for([&] { return controller.status().state == control::ChairState::ready; }, 60s)) {
    return fail("the chair did not become ready: " + controller.status().describe());
  }
  const bodymap::BodyMap body(units::Millimetres(sim.control({{"cmd", "state"}})["shoulder_mm"]),
                              bodymap::ChairGeometry{});
  control::SweepSpec sweep;
  sweep.from = body.travel_of(anatomy::VertebralLevel::T3);
  sweep.to = body.travel_of(anatomy::VertebralLevel::T9);
  sweep.force = units::Newtons(12.0);
  sweep.knead = units::Rpm(40.0);
  sweep.context.body = body;
  if (const auto r = controller.start_session(std::make_unique<control::TravelSweep>(sweep)).get();
      !r.accepted) {
    return fail(r.message);
  }
  std::this_thread::sleep_for(2s);  // under way

  loop.restart_statistics();
  const auto cpu_before = cpu_time();
  const auto wall_before = Clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  const auto cpu_used = cpu_time() - cpu_before;
  const auto wall = Clock::now() - wall_before;
  const auto stats = loop.statistics();
  const auto status = controller.status();
  thread.request_stop();
  thread.join();
  (void)drives.deactivate();
  drives.disconnect();

  print("window_s", std::chrono::duration<double>(wall).count());
  print("period_ms", 10.0);
  print("cycles", static_cast<double>(stats.cycles));
  print("overruns", static_cast<double>(stats.overruns));
  print("lateness_p50_us", static_cast<double>(stats.lateness_p50.count()));
  print("lateness_p99_us", static_cast<double>(stats.lateness_p99.count()));
  print("lateness_max_us", static_cast<double>(stats.lateness_max.count()));
  print("lateness_p99_goal_us", 500.0);
  print("cycle_work_p99_us", static_cast<double>(stats.work_p99.count()));
  print("cpu_percent_of_one_core", 100.0 * std::chrono::duration<double>(cpu_used).count() /
                                       std::chrono::duration<double>(wall).count());
  print("cpu_percent_goal", 3.0);
  if (status.state != control::ChairState::running) {
    return fail("the session did not run throughout: " + status.describe());
  }
  return 0;
}
