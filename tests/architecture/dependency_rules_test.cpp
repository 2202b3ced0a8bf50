// The dependency rules of docs/architecture.md hold in the daemon's and the HAL's sources, and a
// forbidden include is reported with where it is and which rule it breaks: a new include that
// crosses a line fails the test command, whatever compiles.

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "architecture/dependency_rules.hpp"
#include "architecture/include_graph.hpp"
#include "support/source_tree.hpp"
#include "support/temp_directory.hpp"

namespace dependency_rules_test {

namespace fs = std::filesystem;
using architecture::broken_rules;
using architecture::dependency_rules;
using architecture::includes_in;
using testing::ElementsAre;
using testing::HasSubstr;
using testing::IsEmpty;
using testing::Not;

// The build's include directories for the daemon and the HAL, in its order (-I. -Ihal).
const std::vector<fs::path> kIncludeDirs{"", "hal"};
const std::vector<fs::path> kCheckedFolders{"daemon", "hal"};

std::vector<architecture::DependencyRule> project_rules() {
  return dependency_rules(
      test_support::read_text(test_support::kSourceDir / "docs/architecture.md"));
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// A small tree shaped like the project's, with the headers the rules speak of.
class SourceTree : public testing::Test {
 protected:
  SourceTree() {
    for (const char* header :
         {"hal/modbus/chair_drives.hpp", "hal/modbus/drive_bus.hpp", "hal/modbus/drive_alarm.hpp",
          "hal/units/units.hpp", "daemon/session/massage_session.hpp",
          "daemon/control/chair_controller.hpp", "daemon/safety/supervisor.hpp"}) {
      write(dir_ / header, "#pragma once\n");
    }
  }

  // The project's rules broken by one file holding `include`.
  std::vector<std::string> broken_by(const std::string& file, const std::string& include) {
    write(dir_ / file, "#pragma once\n#include \"" + include + "\"\n");
    std::vector<std::string> broken;
    for (auto& line :
         broken_rules(includes_in(dir_.path(), kCheckedFolders, kIncludeDirs), project_rules())) {
      if (line.rfind(file + ":", 0) == 0) broken.push_back(std::move(line));
    }
    return broken;
  }

  test_support::TempDirectory dir_;
};

TEST(DependencyRules, TheDaemonAndTheHalKeepEveryRule) {
  const auto includes = includes_in(test_support::kSourceDir, kCheckedFolders, kIncludeDirs);
  ASSERT_GT(includes.size(), 500u) << "the check found too few includes to be looking at the tree";
  EXPECT_THAT(broken_rules(includes, project_rules()), IsEmpty());
}

TEST_F(SourceTree, TheApiReachingTheBusIsReportedWithWhereAndWhy) {
  const auto broken = broken_by("daemon/api/methods/jog_methods.cpp", "modbus/chair_drives.hpp");
  ASSERT_FALSE(broken.empty());
  EXPECT_THAT(broken.front(),
              HasSubstr("daemon/api/methods/jog_methods.cpp:2 includes hal/modbus/chair_drives.hpp "
                        "(\"modbus/chair_drives.hpp\"): "));
  EXPECT_THAT(broken.front(), HasSubstr("(docs/architecture.md:"));
  // Not even the drives' value types: the API sees the drives through the read-only view.
  EXPECT_THAT(broken_by("daemon/api/json/chair_json.cpp", "modbus/drive_alarm.hpp"),
              Not(IsEmpty()));
}

TEST_F(SourceTree, TheHalAndTheSimulatorKnowNothingOfTheDaemon) {
  EXPECT_THAT(broken_by("hal/modbus/axis.cpp", "daemon/safety/supervisor.hpp"), Not(IsEmpty()));
  EXPECT_THAT(broken_by("hal/sim/chair/body.hpp", "daemon/session/massage_session.hpp"),
              Not(IsEmpty()));
}

TEST_F(SourceTree, ProgramsAndSessionsNeverReachTheBus) {
  EXPECT_THAT(broken_by("daemon/programs/step.cpp", "modbus/drive_bus.hpp"), Not(IsEmpty()));
  EXPECT_THAT(broken_by("daemon/session/body_scan.cpp", "hal/modbus/drive_alarm.hpp"),
              Not(IsEmpty()));
}

TEST_F(SourceTree, OnlyTheControlLoopAndTheProcessHoldTheWritableDrives) {
  EXPECT_THAT(broken_by("daemon/calibration/self_test.cpp", "modbus/chair_drives.hpp"),
              Not(IsEmpty()));
  EXPECT_THAT(broken_by("daemon/chairctl/commands.cpp", "modbus/drive_bus.hpp"), Not(IsEmpty()));
  EXPECT_THAT(broken_by("daemon/control/roller_carriage.cpp", "modbus/chair_drives.hpp"),
              IsEmpty());
  EXPECT_THAT(broken_by("daemon/process/daemon_process.cpp", "modbus/chair_drives.hpp"), IsEmpty());
}

TEST_F(SourceTree, SafetyJudgesSetpointsAndNeverIncludesTheControlLoop) {
  EXPECT_THAT(broken_by("daemon/safety/supervisor.cpp", "daemon/control/chair_controller.hpp"),
              Not(IsEmpty()));
}

TEST_F(SourceTree, AnIncludeIsFoundBesideTheFileBeforeTheIncludeDirectories) {
  write(dir_ / "daemon/api/chair_drives.hpp", "#pragma once\n");
  // "chair_drives.hpp" beside the file is the API's own, not the bus's.
  EXPECT_THAT(broken_by("daemon/api/chair_api.cpp", "chair_drives.hpp"), IsEmpty());
  const auto includes = includes_in(dir_.path(), {"daemon/api"}, kIncludeDirs);
  ASSERT_FALSE(includes.empty());
  EXPECT_EQ(includes.front().target, "daemon/api/chair_drives.hpp");
}

TEST(DependencyRules, ARuleWithoutItsFilesIsAnErrorNamingItsLine) {
  const std::string doc =
      "# Map\n\n## Dependency rules\n\n"
      "| files under | may not include | except files under | why |\n"
      "| --- | --- | --- | --- |\n"
      "| `hal/` | `daemon/` | | the HAL knows no massage |\n"
      "| | `hal/modbus/` | | nothing binds this |\n";
  try {
    (void)dependency_rules(doc);
    FAIL() << "a rule binding no files was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("docs/architecture.md:8: "));
  }
  const auto rules = dependency_rules(
      "## Dependency rules\n\n| files under | may not include | except files under | why |\n"
      "| --- | --- | --- | --- |\n| `daemon/` | `hal/modbus/chair_drives.hpp` | `daemon/control/`, "
      "`daemon/process/` | only the loop writes |\n");
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_THAT(rules[0].except, ElementsAre("daemon/control/", "daemon/process/"));
  EXPECT_EQ(rules[0].why, "only the loop writes");
  EXPECT_EQ(rules[0].line, 5);
}

}  // namespace dependency_rules_test
