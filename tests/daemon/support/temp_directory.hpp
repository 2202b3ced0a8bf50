#pragma once

#include <filesystem>

// A fresh directory under /tmp, removed with everything in it at the end of the test. Short
// paths, because a Unix socket's path must fit in 107 bytes.
namespace massaged::testing {

class TempDirectory {
 public:
  TempDirectory();
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  ~TempDirectory();

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const std::filesystem::path& name) const {
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace massaged::testing
