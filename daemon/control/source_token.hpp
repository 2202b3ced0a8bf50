#pragma once

#include <cstdint>

// Which source runs: the controller gives each source a token when it is handed over and shows it
// in the chair's status while the source runs, so whoever started a source tells its own run from
// any other (a jog from a calibration step) without reading the status's words.
namespace control {

struct SourceToken {
  std::uint64_t value = 0;

  friend bool operator==(SourceToken, SourceToken) = default;
};

}  // namespace control
