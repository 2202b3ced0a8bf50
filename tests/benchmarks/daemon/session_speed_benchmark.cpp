// What a stepped-time session costs: the real controller and HAL run a shipped 15-minute program
// (mid-back, on a medium body, at the suite's 10 Hz control rate) on the in-process simulated
// chair, over the in-memory link and over Modbus TCP loopback in turn, in the same run. Prints
// the process's CPU time per 15 simulated minutes on each (every thread: the loop, the bus, the
// TCP gateway), the medians over the runs, their ratio and how many times faster than real time
// the in-memory session runs. Goal: at most 0.2 s of CPU per 15-minute session in memory.
//
//   session_speed_benchmark [--runs N] [--smoke] [--in-memory-only]
//     --smoke: one simulated minute on each link; --in-memory-only: no TCP runs (to profile)
//
// Prints `name: value` lines.

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "tests/daemon/session/session_rig.hpp"

namespace {

using namespace std::chrono_literals;
using control_test::RigLink;

constexpr double kQuarterHour = 15.0 * 60.0;

double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

void print(const std::string& name, double value) {
  std::printf("%s: %.4g\n", name.c_str(), value);
  std::fflush(stdout);
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

struct SessionCost {
  double cpu_s = 0.0;
  double simulated_s = 0.0;
  double wall_s = 0.0;
  bool ran_to_its_end = false;
};

// One session from its start to the chair parked again; the rig's start-up and homing are not
// counted. In smoke mode, its first simulated minute.
SessionCost run_session(RigLink link, bool smoke) {
  auto options = session_test::options_for(sim::body_of_size(sim::BodySize::medium));
  options.link = link;
  control_test::ChairRig rig(options);
  if (!rig.bring_to_ready()) return {};
  const auto program = session_test::shipped_program("mid-back");
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = cpu_seconds();
  const auto start = rig.clock().now();
  const auto controls = session_test::start_session(rig, program);
  SessionCost cost;
  if (smoke) {
    rig.run_for(1min);
    cost.ran_to_its_end = rig.state() == control::ChairState::running;
  } else {
    cost.ran_to_its_end = session_test::run_until_ready(rig, 30min) &&
                          controls.progress().outcome == "the program ran to its end";
  }
  cost.cpu_s = cpu_seconds() - cpu_start;
  cost.simulated_s = std::chrono::duration<double>(rig.clock().now() - start).count();
  cost.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return cost;
}

}  // namespace

int main(int argc, char** argv) {
  bool smoke = false;
  bool in_memory_only = false;
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0) {
      smoke = true;
    } else if (std::strcmp(argv[i], "--in-memory-only") == 0) {
      in_memory_only = true;
    } else if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr,
                   "usage: session_speed_benchmark [--runs N] [--smoke] [--in-memory-only]\n");
      return 2;
    }
  }
  if (smoke) runs = 1;
  spdlog::set_level(spdlog::level::off);

  struct Link {
    RigLink kind;
    std::string name;
    std::vector<double> cpu_per_quarter_hour;
    std::vector<double> wall_per_quarter_hour;
  };
  std::vector<Link> links = {{RigLink::in_memory, "in_memory", {}, {}},
                             {RigLink::tcp, "tcp", {}, {}}};
  if (in_memory_only) links.pop_back();
  bool ok = true;
  double simulated_s = 0.0;
  // Alternating, so that whatever else the machine does falls on both links alike.
  for (int run = 0; run < runs; ++run) {
    for (auto& link : links) {
      const auto cost = run_session(link.kind, smoke);
      if (!cost.ran_to_its_end || cost.simulated_s <= 0.0) {
        std::fprintf(stderr, "the session over %s did not run as it should\n", link.name.c_str());
        ok = false;
        continue;
      }
      simulated_s = cost.simulated_s;
      link.cpu_per_quarter_hour.push_back(cost.cpu_s * kQuarterHour / cost.simulated_s);
      link.wall_per_quarter_hour.push_back(cost.wall_s * kQuarterHour / cost.simulated_s);
    }
  }
  if (!ok) return 1;

  print("runs", runs);
  print("simulated_session_minutes", simulated_s / 60.0);
  for (const auto& link : links) {
    print(link.name + "_cpu_s_per_15min", median(link.cpu_per_quarter_hour));
    print(link.name + "_wall_s_per_15min", median(link.wall_per_quarter_hour));
  }
  const double memory = median(links[0].cpu_per_quarter_hour);
  if (!in_memory_only) {
    print("tcp_to_in_memory_cpu_ratio", median(links[1].cpu_per_quarter_hour) / memory);
  }
  print("in_memory_times_real_time", kQuarterHour / memory);
  print("in_memory_goal_cpu_s_per_15min", 0.2);
  return 0;
}
