// The README's "Files on a board" against what really lands there: every file and folder that
// CMake's install() rules put on a board (with the prefix and configuration directory that
// scripts/install gives them) and the drop-in scripts/install adds, is in the table; every path
// in the table is installed or is a directory the service unit gives the daemon; and the state
// directory's row names exactly what the daemon keeps there.

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "daemon/calibration/calibration_store.hpp"
#include "daemon/config/daemon_section.hpp"
#include "support/source_tree.hpp"

namespace board_files_test {

namespace fs = std::filesystem;
using test_support::kSourceDir;
using test_support::read_text;

// One row of the table: the paths in its first cell, its second cell.
struct BoardRow {
  std::vector<std::string> paths;
  std::string what;
};

// "/usr/lib/systemd/system/massaged.{service,socket}" is two paths.
std::vector<std::string> expanded(const std::string& path) {
  const auto open = path.find('{');
  const auto close = path.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return {path};
  std::vector<std::string> out;
  std::istringstream choices(path.substr(open + 1, close - open - 1));
  std::string choice;
  while (std::getline(choices, choice, ',')) {
    for (auto& rest : expanded(path.substr(close + 1))) {
      out.push_back(path.substr(0, open) + choice + rest);
    }
  }
  return out;
}

std::vector<std::string> backticked(const std::string& text) {
  static const std::regex code("`([^`]+)`");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), code); it != std::sregex_iterator();
       ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

std::vector<BoardRow> board_table() {
  std::istringstream lines(read_text(kSourceDir / "README.md"));
  std::string line;
  bool in_section = false;
  std::vector<BoardRow> rows;
  while (std::getline(lines, line)) {
    if (line.rfind("## ", 0) == 0) in_section = line == "## Files on a board";
    if (!in_section || line.rfind("| `", 0) != 0) continue;
    const auto second = line.find(" | ");
    BoardRow row;
    for (const auto& path : backticked(line.substr(0, second))) {
      for (auto& one : expanded(path)) row.paths.push_back(std::move(one));
    }
    row.what = line.substr(second + 3);
    if (!row.what.empty() && row.what.back() == '|') row.what.pop_back();
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---- What the install puts on a board ----

// scripts/install configures the build with this prefix and configuration directory; the
// rules' destinations are read as it makes them.
const std::map<std::string, std::string> kInstallDirs = {
    {"${CMAKE_INSTALL_BINDIR}", "/usr/bin"},
    {"${CMAKE_INSTALL_SBINDIR}", "/usr/sbin"},
    {"${CMAKE_INSTALL_DATADIR}", "/usr/share"},
    {"${CMAKE_INSTALL_FULL_SYSCONFDIR}", "/etc"},
};

std::string board_destination(std::string destination) {
  for (const auto& [variable, directory] : kInstallDirs) {
    if (destination.rfind(variable, 0) == 0) {
      return directory + destination.substr(variable.size());
    }
  }
  return destination.front() == '/' ? destination : "/usr/" + destination;
}

std::vector<fs::path> cmake_files() {
  std::vector<fs::path> out{kSourceDir / "CMakeLists.txt"};
  for (const char* part : {"hal", "daemon", "programs", "config", "systemd"}) {
    if (!fs::exists(kSourceDir / part)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(kSourceDir / part)) {
      if (entry.path().filename() == "CMakeLists.txt") out.push_back(entry.path());
    }
  }
  return out;
}

// Every file or folder (with a trailing slash) CMake's install() rules put on a board.
std::set<std::string> cmake_installs() {
  static const std::regex rule(R"(install\(\s*(TARGETS|FILES|DIRECTORY)\s+([^)]*)\))");
  static const std::set<std::string> keywords = {
      "DESTINATION", "RUNTIME", "LIBRARY", "ARCHIVE", "FILES_MATCHING", "PATTERN", "PERMISSIONS"};
  std::set<std::string> out;
  for (const auto& file : cmake_files()) {
    const auto text = read_text(file);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), rule);
         it != std::sregex_iterator(); ++it) {
      const std::string kind = (*it)[1].str();
      std::istringstream words((*it)[2].str());
      std::vector<std::string> items;
      std::string word;
      std::string destination;
      bool listing = true;
      while (words >> word) {
        if (word == "DESTINATION") {
          words >> destination;
          listing = false;
        } else if (keywords.count(word) > 0) {
          listing = false;
        } else if (listing) {
          items.push_back(word);
        }
      }
      const auto directory = board_destination(destination);
      for (const auto& item : items) {
        out.insert(kind == "DIRECTORY" ? directory + "/"
                                       : directory + "/" + fs::path(item).filename().string());
      }
    }
  }
  return out;
}

// What scripts/install adds beside CMake's install: the drop-in for a configuration with TCP.
std::set<std::string> script_installs() {
  const auto script = read_text(kSourceDir / "scripts" / "install");
  static const std::regex drop_in(R"re(drop_in="\$target_root(/[^"]+)")re");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(script.begin(), script.end(), drop_in);
       it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1].str());
  }
  return out;
}

std::set<std::string> board_installs() {
  auto out = cmake_installs();
  for (const auto& path : script_installs()) out.insert(path);
  return out;
}

// The directories the service unit has systemd make for the daemon (StateDirectory= and the
// like), each with a trailing slash.
std::set<std::string> unit_directories() {
  const auto unit = read_text(kSourceDir / "systemd" / "massaged.service");
  const std::map<std::string, std::string> roots = {{"StateDirectory", "/var/lib/"},
                                                    {"RuntimeDirectory", "/run/"},
                                                    {"ConfigurationDirectory", "/etc/"}};
  std::set<std::string> out;
  for (const auto& [key, root] : roots) {
    std::smatch match;
    if (std::regex_search(unit, match, std::regex("\n" + key + "=(\\S+)"))) {
      out.insert(root + match[1].str() + "/");
    }
  }
  return out;
}

// `row` names `path`: the same file or folder, or a folder above it.
bool covers(const std::string& row, const std::string& path) {
  if (row == path) return true;
  return row.back() == '/' && path.rfind(row, 0) == 0;
}

TEST(BoardFiles, TheInstallIsConfiguredForTheBoardsPlaces) {
  const auto script = read_text(kSourceDir / "scripts" / "install");
  EXPECT_NE(script.find("-DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_SYSCONFDIR=/etc"),
            std::string::npos)
      << "scripts/install no longer configures the prefix /usr and /etc: this test reads the "
         "install() rules with them";
  const auto installs = cmake_installs();
  EXPECT_EQ(installs.count("/usr/sbin/massaged"), 1U);
  EXPECT_EQ(installs.count("/usr/share/massaged/programs/"), 1U);
  EXPECT_EQ(script_installs().size(), 1U) << "scripts/install's TCP drop-in";
  EXPECT_EQ(unit_directories().count("/var/lib/massaged/"), 1U);
}

TEST(BoardFiles, TheReadmeListsEverythingTheInstallPutsOnABoard) {
  const auto rows = board_table();
  ASSERT_FALSE(rows.empty()) << "README.md has no \"## Files on a board\" table";
  for (const auto& installed : board_installs()) {
    const bool listed = std::any_of(rows.begin(), rows.end(), [&](const BoardRow& row) {
      return std::any_of(row.paths.begin(), row.paths.end(),
                         [&](const std::string& path) { return covers(path, installed); });
    });
    EXPECT_TRUE(listed) << "the install puts " << installed
                        << " on a board; README.md's \"Files on a board\" does not say so";
  }
}

TEST(BoardFiles, EveryPathInTheReadmesTableIsInstalledOrGivenToTheDaemon) {
  const auto installs = board_installs();
  const auto directories = unit_directories();
  for (const auto& row : board_table()) {
    for (const auto& path : row.paths) {
      const bool installed = std::any_of(installs.begin(), installs.end(), [&](const auto& file) {
        return covers(path, file) || covers(file, path);
      });
      const bool daemons = std::any_of(directories.begin(), directories.end(),
                                       [&](const std::string& dir) { return covers(dir, path); });
      EXPECT_TRUE(installed || daemons)
          << "README.md's \"Files on a board\" lists " << path
          << ", which neither CMake's install() rules nor scripts/install put there, nor is it "
             "a directory systemd/massaged.service gives the daemon";
    }
  }
}

// The parts of a row's description after "state:", split at the commas outside brackets.
std::vector<std::string> state_items(const std::string& what) {
  const auto colon = what.find(':');
  std::vector<std::string> out(1);
  int depth = 0;
  for (const char c : what.substr(colon == std::string::npos ? 0 : colon + 1)) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

TEST(BoardFiles, TheStateDirectoryRowNamesWhatTheDaemonKeepsThereAndNothingElse) {
  const std::set<std::string> kept = {std::string(calibration::kCurrentFile),
                                      std::string(calibration::kPreviousFile),
                                      std::string(massaged::kInstalledProgramsDirectory) + "/",
                                      std::string(massaged::kPeopleDirectory) + "/"};
  const auto rows = board_table();
  const auto row = std::find_if(rows.begin(), rows.end(), [](const BoardRow& r) {
    return std::find(r.paths.begin(), r.paths.end(), "/var/lib/massaged/") != r.paths.end();
  });
  ASSERT_NE(row, rows.end())
      << "README.md's \"Files on a board\" has no row for /var/lib/massaged/";
  const auto named = backticked(row->what);
  EXPECT_EQ(std::set<std::string>(named.begin(), named.end()), kept)
      << "the state directory's row must name, in backticks, exactly what the daemon keeps there";
  for (const auto& item : state_items(row->what)) {
    const auto names = backticked(item);
    EXPECT_TRUE(std::any_of(names.begin(), names.end(),
                            [&](const std::string& name) { return kept.count(name) > 0; }))
        << "the state directory's row says the daemon keeps \"" << item
        << "\" there, naming nothing it keeps";
  }
}

}  // namespace board_files_test
