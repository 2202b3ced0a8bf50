#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

// One session of the randomized campaign: a random person, program and script of events from
// one seed, run by the real controller, session and HAL on the simulated chair in stepped time,
// and judged from outside: the simulated chair's safety observer saw nothing unsafe, the session
// ended in a state its events explain, nothing resumed by itself, and the daemon kept answering.
namespace campaign {

struct SessionReport {
  std::uint64_t seed = 0;
  // What the simulated chair's safety observer flagged, as it describes it.
  std::vector<std::string> unsafe;
  // How the session broke the other rules, each said in full.
  std::vector<std::string> problems;
  // How the session ended: "the program ran to its end", "stopped on the panel", ...
  std::string ending;
  std::chrono::nanoseconds simulated{0};
  // The events as they were applied, for a failure's report.
  std::vector<std::string> events;

  [[nodiscard]] bool passed() const { return unsafe.empty() && problems.empty(); }
  // The seed, what went wrong, the events, and the one command that replays it.
  [[nodiscard]] std::string describe() const;
};

[[nodiscard]] SessionReport run_campaign_session(std::uint64_t seed);

// The command that replays one seed, as a failure prints it.
[[nodiscard]] std::string replay_command(std::uint64_t seed);

}  // namespace campaign
