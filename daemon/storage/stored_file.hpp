#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "result/expected.hpp"

// Reading back a file the daemon stored (atomic_file.hpp wrote it): whole, or not at all.
namespace storage {

// State files are small; a larger one is refused unread rather than read into memory.
inline constexpr std::size_t kLargestStoredFile = 1024 * 1024;

// The file's contents; nothing when there is no such file (nothing was stored yet); an error
// saying what and where when it exists but cannot be read, is not a regular file, or is larger
// than `largest`.
result::Expected<std::optional<std::string>, std::string> read_stored_file(
    const std::filesystem::path& path, std::size_t largest = kLargestStoredFile);

}  // namespace storage
