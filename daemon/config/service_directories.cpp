#include "daemon/config/service_directories.hpp"

#include <cstdlib>
#include <string>

namespace massaged {
namespace {

std::optional<std::filesystem::path> first_directory(const char* variable) {
  const char* value = std::getenv(variable);
  if (value == nullptr || *value == '\0') return std::nullopt;
  const std::string list(value);
  return std::filesystem::path(list.substr(0, list.find(':')));
}

}  // namespace

ServiceDirectories ServiceDirectories::from_environment() {
  return {first_directory("CONFIGURATION_DIRECTORY"), first_directory("STATE_DIRECTORY"),
          first_directory("RUNTIME_DIRECTORY")};
}

}  // namespace massaged
