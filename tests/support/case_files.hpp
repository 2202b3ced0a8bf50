#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

// Tests whose cases are files: the files of a folder, each run as a test of its own and named
// after its file ("tapping-over-the-kidneys.toml" -> tapping_over_the_kidneys).
namespace test_support {

// The files in `folder` whose names start with `prefix` and end with `extension`, in name order.
inline std::vector<std::filesystem::path> case_files(const std::filesystem::path& folder,
                                                     std::string_view prefix,
                                                     std::string_view extension) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const auto name = entry.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(extension)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// For INSTANTIATE_TEST_SUITE_P: the test's name from its file's.
inline std::string case_name(const testing::TestParamInfo<std::filesystem::path>& info) {
  auto name = info.param.stem().string();
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

}  // namespace test_support
