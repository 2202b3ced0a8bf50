#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "result/expected.hpp"

// Writing a file so that it is never seen half written. The new contents go to a temporary file
// beside the target, are flushed to the disk (fsync), then replace the target in one rename,
// after which the directory is flushed too, so that the rename itself survives a power loss. A
// reader, or whatever is left after the process is killed or the power fails at any moment, finds
// the old contents whole or the new contents whole, never a mixture or an empty file.
//
// The daemon keeps its state this way: the person's kept shoulder position, and the calibration
// and installed programs. Every error says what failed, on which path, and what to do.
namespace storage {

// A new version of one file, on its way in. The steps are separate so that a test can stop a
// writer between any two of them; write_atomically() below does them all.
class PendingFile {
 public:
  // Creates the temporary file (mode `permissions`, less the umask) in the target's directory,
  // which must exist. Temporary files that writers killed earlier left behind for the same
  // target are removed first.
  static result::Expected<PendingFile, std::string> create(
      std::filesystem::path target,
      std::filesystem::perms permissions = std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write |
                                           std::filesystem::perms::group_read |
                                           std::filesystem::perms::others_read);

  PendingFile(PendingFile&& other) noexcept;
  PendingFile& operator=(PendingFile&& other) noexcept;
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  // Removes the temporary file unless it was committed: the target keeps its old contents.
  ~PendingFile();

  // Appends to the temporary file.
  result::Expected<void, std::string> write(std::string_view bytes);
  // Flushes the temporary file's contents to the disk.
  result::Expected<void, std::string> sync();
  // Replaces the target with the temporary file in one rename, then flushes the directory.
  // Call sync() first: a rename of unflushed contents may survive a power loss as an empty file.
  result::Expected<void, std::string> commit();

  [[nodiscard]] const std::filesystem::path& target() const { return target_; }
  [[nodiscard]] const std::filesystem::path& temporary() const { return temporary_; }

 private:
  PendingFile(std::filesystem::path target, std::filesystem::path temporary, int descriptor);
  void discard() noexcept;

  std::filesystem::path target_;
  std::filesystem::path temporary_;
  int descriptor_ = -1;
  bool committed_ = false;
};

// Replaces `target` with `contents` atomically and durably (every step of PendingFile).
result::Expected<void, std::string> write_atomically(
    const std::filesystem::path& target, std::string_view contents,
    std::filesystem::perms permissions = std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write |
                                         std::filesystem::perms::group_read |
                                         std::filesystem::perms::others_read);

// Whether `name` is the temporary file of a write in progress (or of a writer killed before it
// finished): a listing of stored files skips these.
[[nodiscard]] bool is_temporary_file(const std::filesystem::path& name);

}  // namespace storage
