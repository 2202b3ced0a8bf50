#pragma once

#include <filesystem>
#include <optional>
#include <variant>

#include <spdlog/common.h>

#include "daemon/config/service_directories.hpp"

// massaged's command line.
namespace massaged {

struct CommandLine {
  std::filesystem::path config_path;
  // --check-config: validate, print the effective configuration, exit.
  bool check_only = false;
  // --log-level: overrides [daemon] log_level.
  std::optional<spdlog::level::level_enum> log_level;
};

// The command line was fully handled (--help, --version, a usage error): exit with this code.
struct ExitNow {
  int code;
};

// Parses the arguments; prints help, the version or a usage error itself. The default
// configuration is $CONFIGURATION_DIRECTORY/chair.toml under systemd, else
// /etc/massaged/chair.toml.
std::variant<CommandLine, ExitNow> parse_command_line(int argc, const char* const* argv,
                                                      const ServiceDirectories& service);

}  // namespace massaged
