#pragma once

#include <string>
#include <string_view>

#include "daemon/calibration/stored_calibration.hpp"
#include "result/expected.hpp"

// The calibration as the daemon stores it: a small TOML file whose last line is a CRC-32 of
// everything before it. The daemon writes it, nobody edits it; a file cut short by a crash, or
// changed by hand, fails the checksum and is refused rather than trusted.
//
//   # massaged calibration: written by the daemon after a technician's calibration; do not edit
//   format = 2
//
//   [travel]
//   min_mm = 2.000000
//   max_mm = 1198.000000
//   drive = { serial = 20260001, firmware = 0x0104 }
//   calibrated_at = "2026-11-24T10:15:02Z"
//   technician_uid = 1000
//   ...
//   # crc32 = 8a3c19f0
//
// A part never measured has no drive, time or technician. A file of format 1 (no "format" key)
// has none anywhere: it is read as it was written.
namespace calibration {

// The file's text for a valid calibration, in format kFormatVersion.
[[nodiscard]] std::string to_text(const StoredCalibration& stored);

// The calibration in `text` (read from `origin`, named in every error), marked valid; or why it
// cannot be used: no checksum line, a checksum that does not match, a format this daemon does
// not know, a TOML error, a missing, unknown or malformed key (file:line:column), or values
// check_calibration refuses. Each message says what to do.
[[nodiscard]] result::Expected<StoredCalibration, std::string> from_text(std::string_view text,
                                                                         std::string_view origin);

}  // namespace calibration
