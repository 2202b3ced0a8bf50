#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

// Where tests find what the project ships (configuration, actuator profiles, programs), defined
// once so that every test agrees and test files can be compiled together in one unit.
// MASSAGED_SOURCE_DIR comes from massaged_test() in tests/CMakeLists.txt.
namespace test_support {

inline const std::filesystem::path kSourceDir{MASSAGED_SOURCE_DIR};
inline const std::filesystem::path kConfigDir = kSourceDir / "config";
// With a trailing slash, so that kProfiles + "ra1.toml" names the file.
inline const std::string kProfiles = (kConfigDir / "profiles").string() + "/";
inline const std::filesystem::path kProgramsDir = kSourceDir / "programs";

// A whole text file (a shipped program, a configuration); empty when it cannot be read.
inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace test_support
