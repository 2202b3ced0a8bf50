#pragma once

#include <filesystem>

// A fresh, empty directory for one test, removed with everything in it when the test ends.
namespace test_support {

class TempDirectory {
 public:
  // Created as /tmp/massaged-XXXXXX, whatever $TMPDIR says: the path stays short because a Unix
  // socket's path, made inside it, must fit in 108 bytes. Throws std::system_error when the
  // directory cannot be created.
  TempDirectory();
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  ~TempDirectory();

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  // path() / name
  [[nodiscard]] std::filesystem::path operator/(const std::filesystem::path& name) const {
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace test_support
