// docs/architecture.md is the map of the house: every part of the daemon and the HAL is on it,
// and every path in its table "Where does X live" is one the repository has.

#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/source_tree.hpp"

namespace architecture_map_test {

namespace fs = std::filesystem;
using testing::IsEmpty;

std::string map_text() {
  return test_support::read_text(test_support::kSourceDir / "docs/architecture.md");
}

// The text under "## <title>", up to the next "## " heading.
std::string section(const std::string& markdown, const std::string& title) {
  const auto start = markdown.find("\n## " + title + "\n");
  if (start == std::string::npos) return {};
  const auto body = start + title.size() + 5;
  const auto end = markdown.find("\n## ", body);
  return markdown.substr(body, end == std::string::npos ? std::string::npos : end - body);
}

// Paths in backticks, with the line of the document each is on: a word with a slash and no
// space, spaces or options ("chairctl status", "--rtu") are not paths.
struct WrittenPath {
  std::string path;
  std::string line;
};

std::vector<WrittenPath> backticked_paths(const std::string& text) {
  std::vector<WrittenPath> paths;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::size_t open = line.find('`');
    while (open != std::string::npos) {
      const auto close = line.find('`', open + 1);
      if (close == std::string::npos) break;
      const auto item = line.substr(open + 1, close - open - 1);
      if (item.find('/') != std::string::npos && item.find(' ') == std::string::npos) {
        paths.push_back({item, line});
      }
      open = line.find('`', close + 1);
    }
  }
  return paths;
}

// daemon/api/, hal/sim/, ...: every folder of the daemon and the HAL that holds sources.
std::set<std::string> parts() {
  std::set<std::string> found;
  for (const char* top : {"daemon", "hal"}) {
    for (const auto& entry : fs::directory_iterator(test_support::kSourceDir / top)) {
      if (entry.is_directory())
        found.insert(std::string(top) + "/" + entry.path().filename().string() + "/");
    }
  }
  return found;
}

TEST(ArchitectureMap, EveryPathOnTheMapExists) {
  const auto table = section(map_text(), "Parts") + section(map_text(), "Where does X live");
  const auto paths = backticked_paths(table);
  ASSERT_GE(paths.size(), 8u) << "docs/architecture.md has no table \"Where does X live\"";
  std::vector<std::string> missing;
  for (const auto& written : paths) {
    if (!fs::exists(test_support::kSourceDir / written.path)) {
      missing.push_back(written.path + " (in: " + written.line + ")");
    }
  }
  EXPECT_THAT(missing, IsEmpty()) << "docs/architecture.md names paths the repository lacks";
}

TEST(ArchitectureMap, EveryPartOfTheDaemonAndTheHalIsOnTheMap) {
  const auto on_map = section(map_text(), "Parts");
  std::vector<std::string> missing;
  for (const auto& part : parts()) {
    if (on_map.find("`" + part + "`") == std::string::npos) missing.push_back(part);
  }
  EXPECT_THAT(missing, IsEmpty())
      << "each part of daemon/ and hal/ has a row in docs/architecture.md's \"Parts\": what it "
         "owns and what it may not touch";
}

}  // namespace architecture_map_test
