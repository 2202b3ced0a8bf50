#pragma once

#include <filesystem>

// A fresh, empty directory for one test, removed with everything in it when the test ends.
namespace test_support {

class TempDir {
 public:
  // Created under the system's temporary directory ($TMPDIR or /tmp) with a unique name.
  // Throws std::system_error when it cannot be created.
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  // path() / name
  [[nodiscard]] std::filesystem::path operator/(const std::filesystem::path& name) const {
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace test_support
