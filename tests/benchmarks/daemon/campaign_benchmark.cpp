// The randomized campaign at volume: N random sessions (a person, a program of about three
// minutes and a script of panel presses and faults each, from consecutive seeds), each judged
// by the simulated chair's safety observer and the campaign's rules (campaign_session.hpp).
// Prints the sessions run, their simulated time, the processor time they took, sessions per
// CPU-second and the violations found; every failed session is printed in full with the one
// command that replays it. Exit status 1 when any session failed.
//
//   campaign_benchmark [--sessions N] [--first-seed S] [--seed S] [--verbose] [--smoke]
//
// --seed S runs seed S alone, printing everything: how a failure is replayed.

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>

#include "tests/daemon/campaign/campaign_session.hpp"

namespace {

double process_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Random chair sessions judged by the simulated chair's safety observer");
  std::uint64_t sessions = 100;
  std::uint64_t first_seed = 1;
  std::uint64_t seed = 0;
  bool verbose = false;
  bool smoke = false;
  app.add_option("--sessions", sessions, "How many sessions, from consecutive seeds")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100'000'000}));
  app.add_option("--first-seed", first_seed, "The first session's seed");
  app.add_option("--seed", seed, "Replay this one seed, printing its whole report");
  app.add_flag("--verbose", verbose, "Print every session's report and the daemon's log");
  app.add_flag("--smoke", smoke, "A tiny run that only proves the benchmark works");
  CLI11_PARSE(app, argc, argv);
  if (seed != 0) {
    first_seed = seed;
    sessions = 1;
    verbose = true;
  }
  if (smoke) sessions = 2;
  if (!verbose) spdlog::set_level(spdlog::level::off);

  const double cpu_start = process_cpu_seconds();
  const auto wall_start = std::chrono::steady_clock::now();
  std::uint64_t failed = 0;
  std::uint64_t unsafe = 0;
  std::chrono::nanoseconds simulated{0};
  for (std::uint64_t s = first_seed; s < first_seed + sessions; ++s) {
    const auto report = campaign::run_campaign_session(s);
    simulated += report.simulated;
    unsafe += report.unsafe.size();
    if (!report.passed()) ++failed;
    if (verbose || !report.passed()) std::printf("%s", report.describe().c_str());
  }
  const double cpu = process_cpu_seconds() - cpu_start;
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  const double simulated_s = std::chrono::duration<double>(simulated).count();
  std::printf("sessions: %llu\n", static_cast<unsigned long long>(sessions));
  std::printf("first_seed: %llu\n", static_cast<unsigned long long>(first_seed));
  std::printf("simulated_hours: %.3f\n", simulated_s / 3600.0);
  std::printf("average_session_s: %.1f\n", simulated_s / static_cast<double>(sessions));
  std::printf("cpu_s: %.3f\n", cpu);
  std::printf("wall_s: %.3f\n", wall);
  std::printf("sessions_per_cpu_s: %.3f\n", static_cast<double>(sessions) / cpu);
  std::printf("times_real_time: %.0f\n", simulated_s / cpu);
  std::printf("observer_violations: %llu\n", static_cast<unsigned long long>(unsafe));
  std::printf("failed_sessions: %llu\n", static_cast<unsigned long long>(failed));
  return failed == 0 ? 0 : 1;
}
