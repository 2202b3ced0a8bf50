#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "daemon/config/api_section.hpp"
#include "daemon/config/control_section.hpp"
#include "daemon/config/daemon_section.hpp"
#include "daemon/config/service_directories.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "modbus/bus_config.hpp"

// The chair's configuration: one TOML file, every key checked before anything moves.
namespace massaged {

struct ChairConfig {
  std::filesystem::path source;  // the file it was read from
  DaemonSection daemon;
  ApiSection api;
  ControlSection control;
  safety::SafetyLimits safety;  // [safety]
  std::vector<hal::BusConfig> buses;
};

// Reads and checks a configuration file. Throws toml_strict::FileError, whose what() is
// "file:line:column: dotted.key: what is wrong, what is allowed", for an unreadable file, a
// syntax error, an unknown key, a wrong type, a value out of range, a missing key, a wiring
// mistake or a bad actuator profile. Defaults that systemd sets through the environment come
// from `service`.
ChairConfig load_chair_config(const std::filesystem::path& path, const ServiceDirectories& service);

// The same for text already in memory; `path` names it in messages, and relative paths in it
// start at its directory.
ChairConfig parse_chair_config(std::string_view text, const std::filesystem::path& path,
                               const ServiceDirectories& service);

}  // namespace massaged
