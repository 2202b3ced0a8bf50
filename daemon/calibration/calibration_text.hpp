#pragma once

#include <string>
#include <string_view>

#include "daemon/safety/calibration.hpp"
#include "result/expected.hpp"

// The calibration as the daemon stores it: a small TOML file whose last line is a CRC-32 of
// everything before it. The daemon writes it, nobody edits it; a file cut short by a crash, or
// changed by hand, fails the checksum and is refused rather than trusted.
//
//   # massaged calibration: written by the daemon after a technician's calibration; do not edit
//   [travel]
//   min_mm = 2.000
//   ...
//   # crc32 = 8a3c19f0
namespace calibration {

// The file's text for a valid calibration.
[[nodiscard]] std::string to_text(const safety::Calibration& calibration);

// The calibration in `text` (read from `origin`, named in every error), marked valid; or why it
// cannot be used: no checksum line, a checksum that does not match, a TOML error, a missing or
// unknown key, or values check_calibration refuses. Each message says what to do.
[[nodiscard]] result::Expected<safety::Calibration, std::string> from_text(std::string_view text,
                                                                           std::string_view origin);

}  // namespace calibration
