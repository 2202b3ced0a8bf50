#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "result/expected.hpp"

// How the calibration store reaches the disk: read a state file whole, replace one whole. The
// daemon's shared storage (daemon/storage/atomic_file.hpp) offers the same two operations; the
// store depends only on this interface so it can move onto that one when it is in the build, and
// so that a test can stop a write half way as a crash would.
namespace calibration {

class StateFiles {
 public:
  virtual ~StateFiles() = default;

  // The file's contents; nothing when it does not exist; an error saying what and where.
  virtual result::Expected<std::optional<std::string>, std::string> read(
      const std::filesystem::path& path) = 0;
  // Replaces the file so that a reader, or whatever a crash leaves, finds the old contents whole
  // or the new contents whole.
  virtual result::Expected<void, std::string> replace(const std::filesystem::path& path,
                                                      std::string_view contents) = 0;
};

// On the local disk: the new contents go to "<name>.partial" beside the file, are flushed
// (fsync), renamed over the file, and the directory is flushed so the rename survives a power
// loss.
class DiskStateFiles final : public StateFiles {
 public:
  result::Expected<std::optional<std::string>, std::string> read(
      const std::filesystem::path& path) override;
  result::Expected<void, std::string> replace(const std::filesystem::path& path,
                                              std::string_view contents) override;

  // Where replace() writes before the rename: left behind only by a writer that was killed.
  [[nodiscard]] static std::filesystem::path partial_of(const std::filesystem::path& path);
};

}  // namespace calibration
