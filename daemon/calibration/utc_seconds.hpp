#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

// A wall-clock time to the second as the calibration file keeps it, in UTC, ISO 8601:
// "2026-11-24T10:15:02Z".
namespace calibration {

[[nodiscard]] std::string utc_seconds_text(std::chrono::sys_seconds time);
// That text back; none for any other form, or a date or time that does not exist.
[[nodiscard]] std::optional<std::chrono::sys_seconds> parse_utc_seconds(std::string_view text);

}  // namespace calibration
