#include "support/temp_dir.hpp"

#include <stdlib.h>  // mkdtemp

#include <cerrno>
#include <string>
#include <system_error>

namespace test_support {

TempDir::TempDir() {
  // Short names: a Unix socket path must fit in 108 bytes.
  std::string pattern = (std::filesystem::temp_directory_path() / "massaged-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::system_error(errno, std::generic_category(),
                            "cannot create a temporary directory from " + pattern);
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace test_support
