#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>

#include <spdlog/common.h>

#include "daemon/config/service_directories.hpp"
#include "toml/strict_table.hpp"

// [daemon]: how the process itself runs.
namespace massaged {

struct DaemonSection {
  spdlog::level::level_enum log_level = spdlog::level::info;
  // Calibration, installed programs and preferences; $STATE_DIRECTORY or /var/lib/massaged.
  std::filesystem::path state_directory;
  // The programs that ship with the daemon.
  std::filesystem::path programs_directory;
};

// `section` is absent when the file has no [daemon] table: every default applies.
DaemonSection read_daemon_section(const std::optional<toml_strict::Table>& section,
                                  const std::filesystem::path& config_directory,
                                  const ServiceDirectories& service);

// The names log_level accepts, from the most to the least verbose, in spdlog's order.
inline constexpr std::array<std::string_view, 6> kLogLevelNames = {"trace",   "debug", "info",
                                                                   "warning", "error", "critical"};

constexpr std::string_view log_level_name(spdlog::level::level_enum level) {
  const auto index = static_cast<std::size_t>(level);
  return index < kLogLevelNames.size() ? kLogLevelNames[index] : "off";
}

}  // namespace massaged
