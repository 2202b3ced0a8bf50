// Resident memory over a whole session: the real controller and HAL drive the in-process
// simulated chair over Modbus TCP through a 30-minute session (15 minutes extended three times),
// fast, in stepped time. Prints the resident set at the session's start, after its first
// simulated minute (start-up allocations done) and at its end; it must not grow.
//
//   session_memory_benchmark [--smoke]   (--smoke: a 1-minute session, for ctest)
//
// Prints `name: value` lines.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include <spdlog/spdlog.h>

#include "tests/daemon/control/chair_rig.hpp"
#include "tests/daemon/support/travel_sweep.hpp"

namespace {

using namespace std::chrono_literals;

// VmRSS from /proc/self/status, in KiB.
long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

void print(const char* name, double value) { std::printf("%s: %.1f\n", name, value); }

}  // namespace

int main(int argc, char** argv) {
  const bool smoke = argc > 1 && std::strcmp(argv[1], "--smoke") == 0;
  spdlog::set_level(spdlog::level::off);
  control_test::ChairRig rig;
  if (!rig.bring_to_ready()) return 1;

  control::SweepSpec sweep;
  const auto body = rig.body_map();
  sweep.from = body.travel_of(anatomy::VertebralLevel::T3);
  sweep.to = body.travel_of(anatomy::VertebralLevel::L5);
  sweep.force = units::Newtons(12.0);
  sweep.knead = units::Rpm(40.0);
  sweep.context.body = body;
  const auto wall_start = std::chrono::steady_clock::now();
  const long at_start = resident_kib();
  if (!rig.answer(rig.controller().start_session(std::make_unique<control::TravelSweep>(sweep)))
           .accepted) {
    return 1;
  }
  if (!smoke) {
    for (int i = 0; i < 3; ++i) {
      if (!rig.answer(rig.controller().extend_session()).accepted) return 1;
    }
  }
  const auto started = rig.clock().now();
  rig.run_for(1min);
  const long after_a_minute = resident_kib();
  const auto running = [&rig] { return rig.state() == control::ChairState::running; };
  if (smoke) {
    (void)rig.answer(rig.controller().stop_session());
  } else {
    while (running()) rig.cycle();
  }
  const auto simulated = rig.clock().now() - started;
  const long at_end = resident_kib();
  const auto stats = rig.loop().statistics();

  print("simulated_minutes", std::chrono::duration<double>(simulated).count() / 60.0);
  print("cycles", static_cast<double>(stats.cycles));
  print("real_seconds",
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count());
  print("rss_start_kib", static_cast<double>(at_start));
  print("rss_after_first_minute_kib", static_cast<double>(after_a_minute));
  print("rss_end_kib", static_cast<double>(at_end));
  print("rss_growth_after_first_minute_kib", static_cast<double>(at_end - after_a_minute));
  return rig.controller().status().cause ==
                 (smoke ? "the session was stopped" : "the session's 30 minutes are over")
             ? 0
             : 1;
}
