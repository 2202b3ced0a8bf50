#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "daemon/config/service_directories.hpp"
#include "toml/strict_table.hpp"

// [api]: the local socket the control panel and chairctl talk to.
namespace massaged {

// Which Unix groups a connecting client's credentials must include for each role.
struct ApiRoles {
  std::vector<std::string> panel{"massage-panel"};
  std::vector<std::string> technician{"massage-tech"};
  std::vector<std::string> oem{"massage-oem"};
};

struct ApiSection {
  std::filesystem::path socket;  // $RUNTIME_DIRECTORY/api.sock or /run/massaged/api.sock
  int max_clients = 32;
  std::size_t max_message_bytes = 65536;  // one request line, without its newline
  std::chrono::seconds idle_timeout{300};
  // A client whose socket takes none of the replies and notifications waiting for it for this
  // long has stopped reading and is dropped.
  std::chrono::seconds send_timeout{5};
  // While a session runs, a control panel that has said it is there (panel.heartbeat) and is
  // then not heard from for this long, or whose connection closes, is lost: the chair makes an
  // emergency stop. Zero: the chair does not watch its panel.
  std::chrono::milliseconds panel_timeout{0};
  ApiRoles roles;
};

inline constexpr int kMaxClientsLimit = 256;
inline constexpr std::size_t kMinMessageBytes = 1024;
inline constexpr std::size_t kMaxMessageBytesLimit = 1048576;
inline constexpr std::int64_t kMaxIdleTimeoutSeconds = 86400;
// Longer, a panel that hangs keeps its replies and the chair's notifications piling up for
// minutes before it is let go.
inline constexpr std::int64_t kMaxSendTimeoutSeconds = 300;
// Shorter than this, a busy panel's scheduling would stop the chair; longer, a lost panel
// leaves the person without its buttons for too long.
inline constexpr std::int64_t kMinPanelTimeoutMs = 200;
inline constexpr std::int64_t kMaxPanelTimeoutMs = 60000;

// `section` is absent when the file has no [api] table: every default applies.
ApiSection read_api_section(const std::optional<toml_strict::Table>& section,
                            const std::filesystem::path& config_directory,
                            const ServiceDirectories& service);

}  // namespace massaged
