#include "daemon/config/chair_config.hpp"

#include "daemon/config/bus_section.hpp"
#include "daemon/config/safety_section.hpp"
#include "toml/strict_table.hpp"

namespace massaged {
namespace {

ChairConfig read_chair_config(const toml_strict::Document& document,
                              const std::filesystem::path& path,
                              const ServiceDirectories& service) {
  const auto root = document.root();
  const auto directory = std::filesystem::absolute(path).parent_path();
  ChairConfig config;
  config.source = path;
  config.daemon = read_daemon_section(root.optional_table("daemon"), directory, service);
  config.api = read_api_section(root.optional_table("api"), directory, service);
  config.control = read_control_section(root.optional_table("control"));
  config.safety = read_safety_section(root.optional_table("safety"), config.control);
  config.buses = read_bus_sections(root, directory, config.control);
  root.reject_unknown_keys();
  return config;
}

}  // namespace

ChairConfig load_chair_config(const std::filesystem::path& path,
                              const ServiceDirectories& service) {
  return read_chair_config(toml_strict::Document::parse_file(path), path, service);
}

ChairConfig parse_chair_config(std::string_view text, const std::filesystem::path& path,
                               const ServiceDirectories& service) {
  return read_chair_config(toml_strict::Document::parse_text(text, path.string()), path, service);
}

}  // namespace massaged
