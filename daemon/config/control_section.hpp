#pragma once

#include <chrono>
#include <optional>

#include "toml/strict_table.hpp"

// [control]: the fixed-rate loop that reads the drives, supervises and writes setpoints.
namespace massaged {

struct ControlSection {
  int rate_hz = 100;
  // Consecutive cycles without an answer from a drive before the daemon calls the bus lost.
  int comm_loss_cycles = 5;

  [[nodiscard]] std::chrono::nanoseconds cycle_period() const {
    return std::chrono::nanoseconds(std::chrono::seconds(1)) / rate_hz;
  }
};

inline constexpr int kMinRateHz = 10;
inline constexpr int kMaxRateHz = 1000;

// `section` is absent when the file has no [control] table: every default applies.
ControlSection read_control_section(const std::optional<toml_strict::Table>& section);

}  // namespace massaged
