#include "daemon/config/api_section.hpp"

#include <sys/un.h>

#include "daemon/config/path_value.hpp"

namespace massaged {
namespace {

std::vector<std::string> read_groups(const toml_strict::Table& roles, std::string_view key,
                                     std::vector<std::string> fallback) {
  if (!roles.has(key)) return fallback;
  auto groups = roles.string_array(key);
  for (const auto& group : groups) {
    if (group.empty()) roles.fail(key, "a group name is empty; list Unix group names");
  }
  return groups;
}

ApiRoles read_roles(const toml_strict::Table& roles) {
  ApiRoles defaults;
  ApiRoles out{read_groups(roles, "panel", defaults.panel),
               read_groups(roles, "technician", defaults.technician),
               read_groups(roles, "oem", defaults.oem)};
  roles.reject_unknown_keys();
  return out;
}

void check_socket_path_fits(const toml_strict::Table& section, const std::filesystem::path& path) {
  // The kernel keeps a socket's path in sockaddr_un.sun_path, NUL included.
  constexpr std::size_t capacity = sizeof(sockaddr_un::sun_path) - 1;
  if (path.native().size() > capacity) {
    section.fail("socket", "the path " + path.string() + " is " +
                               std::to_string(path.native().size()) +
                               " bytes long, a Unix socket path allows at most " +
                               std::to_string(capacity) + "; choose a shorter path");
  }
}

}  // namespace

ApiSection read_api_section(const std::optional<toml_strict::Table>& section,
                            const std::filesystem::path& config_directory,
                            const ServiceDirectories& service) {
  ApiSection out;
  out.socket = service.runtime.value_or("/run/massaged") / "api.sock";
  if (!section) return out;

  if (auto path = optional_path(*section, "socket", config_directory)) {
    check_socket_path_fits(*section, *path);
    out.socket = std::move(*path);
  }
  if (const auto n = section->optional_integer("max_clients", 1, kMaxClientsLimit)) {
    out.max_clients = static_cast<int>(*n);
  }
  if (const auto n =
          section->optional_integer("max_message_bytes", kMinMessageBytes, kMaxMessageBytesLimit)) {
    out.max_message_bytes = static_cast<std::size_t>(*n);
  }
  if (const auto n = section->optional_integer("idle_timeout", 1, kMaxIdleTimeoutSeconds)) {
    out.idle_timeout = std::chrono::seconds(*n);
  }
  if (const auto n = section->optional_integer("send_timeout", 1, kMaxSendTimeoutSeconds)) {
    out.send_timeout = std::chrono::seconds(*n);
  }
  if (const auto n = section->optional_integer("panel_timeout_ms", 0, kMaxPanelTimeoutMs)) {
    if (*n != 0 && *n < kMinPanelTimeoutMs) {
      section->fail("panel_timeout_ms", std::to_string(*n) +
                                            " ms would stop the chair whenever the panel is busy; "
                                            "allowed 0 (the panel is not watched) or " +
                                            std::to_string(kMinPanelTimeoutMs) + ".." +
                                            std::to_string(kMaxPanelTimeoutMs) + " ms");
    }
    out.panel_timeout = std::chrono::milliseconds(*n);
  }
  if (const auto roles = section->optional_table("roles")) out.roles = read_roles(*roles);
  section->reject_unknown_keys();
  return out;
}

}  // namespace massaged
