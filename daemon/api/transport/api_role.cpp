#include "daemon/api/transport/api_role.hpp"

#include <array>
#include <utility>

namespace massaged {
namespace {

constexpr std::array<std::pair<ApiRole, std::string_view>, 4> kNames = {{
    {ApiRole::anyone, "anyone"},
    {ApiRole::panel, "panel"},
    {ApiRole::technician, "technician"},
    {ApiRole::oem, "oem"},
}};

}  // namespace

std::string_view to_string(ApiRole role) {
  for (const auto& [value, name] : kNames) {
    if (value == role) return name;
  }
  return "unknown";
}

std::optional<ApiRole> parse_role(std::string_view text) {
  for (const auto& [value, name] : kNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace massaged
