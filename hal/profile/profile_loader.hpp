#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "profile/actuator_profile.hpp"

namespace hal {

// Reads and checks an actuator profile. Throws toml_strict::FileError with
// "file:line:column: key: what is wrong and what is allowed" for any fault: an unknown key, a
// register outside 0..65535, overlapping registers, a command or status block with gaps, a bit
// used twice, a missing required function code.
ActuatorProfile load_profile(const std::filesystem::path& path);
ActuatorProfile parse_profile(std::string_view text, std::string source_name);

}  // namespace hal
