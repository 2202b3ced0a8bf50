#pragma once

#include <filesystem>
#include <optional>

// The directories systemd prepares for the service (ConfigurationDirectory=, StateDirectory=,
// RuntimeDirectory=) and announces in the environment. Outside systemd they are all absent and
// the built-in defaults apply.
namespace massaged {

struct ServiceDirectories {
  std::optional<std::filesystem::path> configuration;  // $CONFIGURATION_DIRECTORY
  std::optional<std::filesystem::path> state;          // $STATE_DIRECTORY
  std::optional<std::filesystem::path> runtime;        // $RUNTIME_DIRECTORY

  // Reads the process environment. systemd lists several directories separated by ':' when a
  // unit names several; the first is the daemon's own.
  static ServiceDirectories from_environment();
};

}  // namespace massaged
