#include "daemon/api/program_catalog.hpp"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/source_tree.hpp"
#include "support/temp_directory.hpp"

using massaged::CatalogRefusal;
using massaged::ProgramCatalog;
using massaged::ProgramOrigin;
using testing::HasSubstr;

namespace {

using test_support::read_text;

// A shipped program under another id: a program an OEM could install.
std::string program_with_id(const std::string& id) {
  auto text = read_text(test_support::kProgramsDir / "quick-relief.toml");
  const std::string from = "id = \"quick-relief\"";
  text.replace(text.find(from), from.size(), "id = \"" + id + "\"");
  return text;
}

class ProgramCatalogTest : public testing::Test {
 protected:
  ProgramCatalog catalog() {
    ProgramCatalog c(test_support::kProgramsDir, installed_, programs::ProgramChecker());
    c.load();
    return c;
  }

  test_support::TempDirectory dir_;
  std::filesystem::path installed_ = dir_ / "state" / "programs";
};

TEST_F(ProgramCatalogTest, ShippedProgramsAreListedByIdWithTheirEstimatedDuration) {
  const auto c = catalog();
  ASSERT_EQ(c.entries().size(), 7U);
  EXPECT_EQ(c.entries().front().program.info.id, "between-the-shoulder-blades");
  EXPECT_EQ(c.entries().back().program.info.id, "quick-relief");
  for (const auto& entry : c.entries()) {
    EXPECT_EQ(entry.origin, ProgramOrigin::shipped);
    EXPECT_GT(entry.estimated.count(), 0) << entry.program.info.id;
  }
  EXPECT_TRUE(c.rejected().empty());
}

TEST_F(ProgramCatalogTest, InstalledProgramIsWrittenWholeAndFoundAgainAfterARestart) {
  auto c = catalog();
  std::filesystem::create_directories(dir_ / "state");
  const auto text = program_with_id("oem-upper-back");
  const auto installed = c.install(text, "oem.toml");
  ASSERT_TRUE(installed) << installed.error().message;
  EXPECT_EQ(installed.value().id, "oem-upper-back");
  EXPECT_FALSE(installed.value().replaced);
  EXPECT_EQ(installed.value().file, installed_ / "oem-upper-back.toml");
  EXPECT_EQ(read_text(installed_ / "oem-upper-back.toml"), text);
  ASSERT_NE(c.find("oem-upper-back"), nullptr);
  const auto restarted = catalog();
  ASSERT_NE(restarted.find("oem-upper-back"), nullptr);
  EXPECT_EQ(restarted.find("oem-upper-back")->origin, ProgramOrigin::installed);
  EXPECT_EQ(restarted.entries().size(), 8U);
}

TEST_F(ProgramCatalogTest, MissingStateDirectoryForProgramsIsCreated) {
  auto c = catalog();
  std::filesystem::create_directories(dir_ / "state");
  ASSERT_TRUE(c.install(program_with_id("oem-a"), "oem.toml"));
  struct stat st {};
  ASSERT_EQ(::stat(installed_.c_str(), &st), 0);
  EXPECT_TRUE(S_ISDIR(st.st_mode));
}

TEST_F(ProgramCatalogTest, ReinstallingAProgramReplacesIt) {
  auto c = catalog();
  std::filesystem::create_directories(dir_ / "state");
  ASSERT_TRUE(c.install(program_with_id("oem-a"), "oem.toml"));
  auto text = program_with_id("oem-a");
  text.replace(text.find("name = \"Quick relief\""), 21, "name = \"Second take\"");
  const auto again = c.install(text, "oem.toml");
  ASSERT_TRUE(again);
  EXPECT_TRUE(again.value().replaced);
  EXPECT_EQ(c.find("oem-a")->program.info.name, "Second take");
}

TEST_F(ProgramCatalogTest, ProgramWithErrorsIsRefusedWithLocatedErrorsAndNothingIsWritten) {
  auto c = catalog();
  std::filesystem::create_directories(dir_ / "state");
  auto text = program_with_id("oem-bad");
  text.replace(text.find("intensity = 3"), 13, "intensity = 12");
  const auto refused = c.install(text, "oem.toml");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, CatalogRefusal::Kind::invalid_program);
  ASSERT_FALSE(refused.error().errors.empty());
  EXPECT_EQ(refused.error().errors[0].source, "oem.toml");
  EXPECT_GT(refused.error().errors[0].line, 0U);
  EXPECT_THAT(refused.error().errors[0].message, HasSubstr("intensity"));
  EXPECT_FALSE(std::filesystem::exists(installed_ / "oem-bad.toml"));
  EXPECT_EQ(c.find("oem-bad"), nullptr);
}

TEST_F(ProgramCatalogTest, ShippedProgramCanNeitherBeReplacedNorRemoved) {
  auto c = catalog();
  std::filesystem::create_directories(dir_ / "state");
  const auto replaced =
      c.install(read_text(test_support::kProgramsDir / "quick-relief.toml"), "oem.toml");
  ASSERT_FALSE(replaced);
  EXPECT_EQ(replaced.error().kind, CatalogRefusal::Kind::read_only);
  EXPECT_THAT(replaced.error().message, HasSubstr("give yours another id"));
  const auto removed = c.remove("quick-relief");
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().kind, CatalogRefusal::Kind::read_only);
  EXPECT_TRUE(std::filesystem::exists(test_support::kProgramsDir / "quick-relief.toml"));
  EXPECT_NE(c.find("quick-relief"), nullptr);
}

TEST_F(ProgramCatalogTest, RemovedProgramIsGoneForGood) {
  auto c = catalog();
  std::filesystem::create_directories(dir_ / "state");
  ASSERT_TRUE(c.install(program_with_id("oem-a"), "oem.toml"));
  ASSERT_TRUE(c.remove("oem-a"));
  EXPECT_EQ(c.find("oem-a"), nullptr);
  EXPECT_FALSE(std::filesystem::exists(installed_ / "oem-a.toml"));
  EXPECT_EQ(catalog().find("oem-a"), nullptr);
}

TEST_F(ProgramCatalogTest, UnknownProgramCannotBeRemoved) {
  auto c = catalog();
  const auto removed = c.remove("no-such-program");
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().kind, CatalogRefusal::Kind::not_found);
}

TEST_F(ProgramCatalogTest, BrokenFileInTheStateDirectoryIsSetAsideWithItsErrors) {
  std::filesystem::create_directories(installed_);
  std::ofstream(installed_ / "broken.toml") << "format = 1\nid = \"broken\"\n";
  std::ofstream(installed_ / "notes.txt") << "not a program";
  const auto c = catalog();
  EXPECT_EQ(c.entries().size(), 7U);
  ASSERT_EQ(c.rejected().size(), 1U);
  EXPECT_EQ(c.rejected()[0].file, installed_ / "broken.toml");
  EXPECT_FALSE(c.rejected()[0].errors.empty());
}

TEST_F(ProgramCatalogTest, HalfWrittenFileOfAKilledWriterIsNotAProgram) {
  std::filesystem::create_directories(installed_);
  std::ofstream(installed_ / ".oem-a.toml.99999.0.partial") << program_with_id("oem-a");
  const auto c = catalog();
  EXPECT_EQ(c.find("oem-a"), nullptr);
  EXPECT_TRUE(c.rejected().empty());
}

TEST_F(ProgramCatalogTest, StateDirectoryThatCannotHoldProgramsIsAStorageErrorNamingIt) {
  std::ofstream(dir_ / "state");  // a file where the directory should be
  auto c = catalog();
  const auto refused = c.install(program_with_id("oem-a"), "oem.toml");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, CatalogRefusal::Kind::storage_failed);
  EXPECT_THAT(refused.error().message, HasSubstr(installed_.string()));
}

TEST(ProgramLimits, ComeFromTheDaemonsSafetyConfiguration) {
  safety::SafetyLimits safety;
  safety.midline_clearance = units::Millimetres(30.0);
  safety.max_hold = std::chrono::seconds(60);
  safety.session_max = std::chrono::minutes(20);
  const auto limits = massaged::program_limits(safety);
  EXPECT_EQ(limits.midline_distance, units::Millimetres(30.0));
  EXPECT_EQ(limits.longest_hold, std::chrono::seconds(60));
  EXPECT_EQ(limits.session_limit, std::chrono::minutes(20));
}

}  // namespace
