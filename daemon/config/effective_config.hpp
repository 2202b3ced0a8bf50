#pragma once

#include <string>

#include "daemon/config/chair_config.hpp"

// The configuration the daemon would run with, every default filled in and every relative path
// resolved, as TOML that reads back to the same configuration (massaged --check-config).
namespace massaged {

std::string effective_config_toml(const ChairConfig& config);

}  // namespace massaged
