#include "daemon/config/daemon_section.hpp"

#include <string>
#include <vector>

#include "daemon/config/path_value.hpp"

namespace massaged {

DaemonSection read_daemon_section(const std::optional<toml_strict::Table>& section,
                                  const std::filesystem::path& config_directory,
                                  const ServiceDirectories& service) {
  DaemonSection out;
  out.state_directory = service.state.value_or("/var/lib/massaged");
  out.programs_directory = "/usr/share/massaged/programs";
  if (!section) return out;

  const std::vector<std::string_view> names(kLogLevelNames.begin(), kLogLevelNames.end());
  if (const auto level = section->optional_choice("log_level", names)) {
    out.log_level = spdlog::level::from_str(*level);
  }
  if (auto path = optional_path(*section, "state_directory", config_directory)) {
    out.state_directory = std::move(*path);
  }
  if (auto path = optional_path(*section, "programs_directory", config_directory)) {
    out.programs_directory = std::move(*path);
  }
  section->reject_unknown_keys();
  return out;
}

}  // namespace massaged
