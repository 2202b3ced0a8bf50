#pragma once

#include <filesystem>
#include <iosfwd>

#include "daemon/config/service_directories.hpp"

// massaged --check-config: validate a configuration file without touching the hardware.
namespace massaged {

// Prints the effective configuration to `out` and returns 0, or prints the located error to
// `err` and returns 1.
int check_config(const std::filesystem::path& path, const ServiceDirectories& service,
                 std::ostream& out, std::ostream& err);

}  // namespace massaged
