#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "modbus/bus_config.hpp"
#include "modbus/chair_drives.hpp"
#include "support/sim_process.hpp"

// The HAL's end-to-end tests: a chair-sim process on TCP or on a pseudo-terminal, and the bus
// configuration that points the HAL at it.
namespace test_support {

using Link = SimProcess::Link;

inline std::string to_string(Link link) { return link == Link::tcp ? "tcp" : "rtu"; }

struct SimChairOptions {
  std::string profile = "ra1.toml";  // in config/profiles/, for the simulator and the HAL
  std::vector<std::string> extra_args;
  // Generous, so that a loaded machine (a sanitizer build, parallel tests) is not a fault.
  std::chrono::milliseconds response_timeout{200};
};

class SimChair {
 public:
  explicit SimChair(Link link, SimChairOptions options = {});

  [[nodiscard]] SimProcess& sim() { return sim_; }
  [[nodiscard]] Link link() const { return link_; }
  // One bus with the five drives at their default unit ids (travel 1 .. tap 5).
  [[nodiscard]] hal::BusConfig bus_config() const;

  // The simulator's truth about one axis ("position", "enabled", "quick_stop", ...).
  [[nodiscard]] nlohmann::json truth(hal::AxisKind axis);
  [[nodiscard]] nlohmann::json state();
  // Sends a control command and fails the test if the simulator refuses it.
  void control(const nlohmann::json& request);

 private:
  Link link_;
  SimChairOptions options_;
  SimProcess sim_;
};

// Runs control cycles about every 10 ms until `done` holds for a report, or `timeout` passes;
// returns the last report. Every cycle gets `budget`.
hal::CycleReport cycle_until(hal::ChairDrives& drives,
                             const std::function<bool(const hal::CycleReport&)>& done,
                             std::chrono::milliseconds timeout,
                             std::chrono::milliseconds budget = std::chrono::seconds{1});

// The linear reading of an axis in a report, or a test failure naming the error.
const hal::LinearReading* linear_reading(const hal::CycleReport& report, hal::AxisKind axis);
const hal::RotaryReading* rotary_reading(const hal::CycleReport& report, hal::AxisKind axis);
// The error of an axis in a report, if any.
const hal::DriveError* error_of(const hal::CycleReport& report, hal::AxisKind axis);

// "travel: ok; width: bus main, unit 2 (width): ..." for failure messages.
std::string describe(const hal::CycleReport& report);
std::string describe(const std::vector<hal::DriveError>& errors);

}  // namespace test_support
