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
  // What the daemon keeps: the calibration (daemon/calibration/calibration_store.hpp), installed
  // programs and each person's shoulder correction (below); $STATE_DIRECTORY or
  // /var/lib/massaged.
  std::filesystem::path state_directory;
  // The programs that ship with the daemon.
  std::filesystem::path programs_directory;
};

// Folders of the state directory, named once for the code that keeps them and for the docs.
inline constexpr std::string_view kInstalledProgramsDirectory = "programs";  // programs.install
inline constexpr std::string_view kPeopleDirectory = "people";  // each person's shoulder nudge

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
