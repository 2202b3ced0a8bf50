#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "toml/strict_table.hpp"

// Paths in the configuration: a relative path is relative to the directory of the file that
// names it, so a configuration and the profiles beside it can move together.
namespace massaged {

std::optional<std::filesystem::path> optional_path(const toml_strict::Table& table,
                                                   std::string_view key,
                                                   const std::filesystem::path& base_directory);
std::filesystem::path required_path(const toml_strict::Table& table, std::string_view key,
                                    const std::filesystem::path& base_directory);

}  // namespace massaged
