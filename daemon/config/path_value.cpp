#include "daemon/config/path_value.hpp"

namespace massaged {

std::optional<std::filesystem::path> optional_path(const toml_strict::Table& table,
                                                   std::string_view key,
                                                   const std::filesystem::path& base_directory) {
  const auto text = table.optional_string(key);
  if (!text) return std::nullopt;
  if (text->empty()) table.fail(key, "the path is empty; give a file or directory name");
  if (text->find('\0') != std::string::npos) table.fail(key, "the path contains a NUL character");
  const std::filesystem::path path(*text);
  return (path.is_absolute() ? path : base_directory / path).lexically_normal();
}

std::filesystem::path required_path(const toml_strict::Table& table, std::string_view key,
                                    const std::filesystem::path& base_directory) {
  (void)table.string(key);  // reports a missing key or a wrong type, located
  return *optional_path(table, key, base_directory);
}

}  // namespace massaged
