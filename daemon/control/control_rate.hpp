#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "modbus/bus_config.hpp"

// The rate the control loop can keep. On a serial (RTU) bus every drive exchanges its frames
// in turn each cycle, so the baud rate bounds the rate: the frames' bytes at the line's bits per
// character, the silent interval after each frame, and the time a drive takes to answer. A
// configured rate the slowest bus cannot carry is lowered to what it can, with a message that
// says so and what to change; TCP buses are taken to be fast enough.
namespace control {

// The drive's answer time the datasheet allows after the end of a request.
inline constexpr std::chrono::microseconds kDriveAnswerTime{1000};
// A cycle may use this share of the period on the bus; the rest is left for a limit write, a
// retry or a quick stop.
inline constexpr double kBusShare = 0.8;

// One cycle's time on the bus: every drive's command and status frames, with silences and
// answer times. Zero for a TCP bus.
std::chrono::nanoseconds rtu_cycle_time(const hal::BusConfig& bus);

struct ControlRate {
  double rate_hz = 0.0;
  std::chrono::nanoseconds period{0};
  // Set when the configured rate was lowered: what happened and what to do.
  std::optional<std::string> lowered;
};

// The rate to run at, given the configured one. Throws std::invalid_argument, saying what to
// change, when a bus cannot carry even `minimum_hz`, or when the rate it can carry leaves less
// than two cycles within a bus's drive communication timeout.
ControlRate achievable_rate(int configured_hz, const std::vector<hal::BusConfig>& buses,
                            int minimum_hz);

}  // namespace control
