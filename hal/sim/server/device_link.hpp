#pragma once

#include <filesystem>

namespace sim {

// A symbolic link at a path the daemon is configured with (e.g. /tmp/chair/ttySIM0) to the
// simulator's pseudo-terminal, which the kernel names anew each run (/dev/pts/N). A stale link
// left by a simulator that was killed is replaced; any other file at the path is left alone.
// The link is removed on destruction if it still points where this one made it point.
class DeviceLink {
 public:
  // Throws std::runtime_error naming the path, when it is taken by something other than a
  // symbolic link or cannot be created (missing directory, no permission).
  DeviceLink(std::filesystem::path link, std::filesystem::path target);
  ~DeviceLink();
  DeviceLink(const DeviceLink&) = delete;
  DeviceLink& operator=(const DeviceLink&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return link_; }

 private:
  std::filesystem::path link_;
  std::filesystem::path target_;
};

}  // namespace sim
