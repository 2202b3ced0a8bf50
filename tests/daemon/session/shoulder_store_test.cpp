// The person's kept shoulder correction: kept per person in the state directory, read back by a
// new store after a restart, and every file the daemon did not write refused with what to do.

#include "daemon/session/shoulder_store.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/temp_directory.hpp"

namespace {

namespace fs = std::filesystem;
using session::KeptShoulder;
using session::ShoulderStore;
using test_support::TempDirectory;
using testing::HasSubstr;

void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

TEST(ShoulderStore, NothingIsKeptForSomeoneNew) {
  TempDirectory dir;
  const ShoulderStore store(dir / "people");
  const auto kept = store.load("anna");
  ASSERT_TRUE(kept) << kept.error();
  EXPECT_FALSE(kept->has_value());
}

TEST(ShoulderStore, WhatIsKeptSurvivesARestart) {
  TempDirectory dir;
  {
    ShoulderStore store(dir / "people");
    ASSERT_TRUE(
        store.keep("anna", KeptShoulder{-2, units::Millimetres(421.5), units::Millimetres(842.0)}));
    ASSERT_TRUE(store.keep("bob@home", KeptShoulder{3, units::Millimetres(505.0), std::nullopt}));
  }
  const ShoulderStore after_restart(dir / "people");
  const auto anna = after_restart.load("anna");
  ASSERT_TRUE(anna) << anna.error();
  ASSERT_TRUE(anna->has_value());
  EXPECT_EQ(**anna, (KeptShoulder{-2, units::Millimetres(421.5), units::Millimetres(842.0)}));
  const auto bob = after_restart.load("bob@home");
  ASSERT_TRUE(bob && bob->has_value());
  EXPECT_EQ((*bob)->nudge_steps, 3);
  EXPECT_FALSE((*bob)->last_back_end.has_value());
}

TEST(ShoulderStore, AFileKeptBeforeTheBacksEndWasKeptStillReads) {
  TempDirectory dir;
  ShoulderStore store(dir.path());
  write_text(
      store.file_of("anna"),
      R"({"format": 1, "person": "anna", "shoulder_nudge_mm": -20, "last_shoulder_mm": 431.5})");
  const auto kept = store.load("anna");
  ASSERT_TRUE(kept) << kept.error();
  EXPECT_EQ(**kept, (KeptShoulder{-2, units::Millimetres(431.5), std::nullopt}));
}

TEST(ShoulderStore, AnImpossibleBackEndInTheFileIsRefused) {
  TempDirectory dir;
  ShoulderStore store(dir.path());
  write_text(store.file_of("anna"), R"({"format": 1, "person": "anna", "shoulder_nudge_mm": 0, )"
                                    R"("last_shoulder_mm": 431.5, "last_back_end_mm": "low"})");
  const auto kept = store.load("anna");
  ASSERT_FALSE(kept);
  EXPECT_THAT(kept.error(), HasSubstr("\"last_back_end_mm\" must be null or a travel position"));
  EXPECT_THAT(kept.error(), HasSubstr("remove the file"));
}

TEST(ShoulderStore, ANewNudgeReplacesTheOldOne) {
  TempDirectory dir;
  ShoulderStore store(dir.path());
  ASSERT_TRUE(store.keep("anna", KeptShoulder{1, units::Millimetres(450.0), std::nullopt}));
  ASSERT_TRUE(store.keep("anna", KeptShoulder{-1, units::Millimetres(430.0), std::nullopt}));
  EXPECT_EQ(store.load("anna")->value().nudge_steps, -1);
}

TEST(ShoulderStore, TheFileIsReadableJsonForThePersonOnly) {
  TempDirectory dir;
  ShoulderStore store(dir.path());
  ASSERT_TRUE(store.keep("anna", KeptShoulder{-2, units::Millimetres(421.5), std::nullopt}));
  std::ifstream in(store.file_of("anna"));
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_THAT(text, HasSubstr("\"shoulder_nudge_mm\":-20"));
  EXPECT_THAT(text, HasSubstr("\"person\":\"anna\""));
  const auto perms = fs::status(store.file_of("anna")).permissions();
  EXPECT_EQ(perms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
}

TEST(ShoulderStore, IdsThatCouldEscapeTheDirectoryAreRefused) {
  TempDirectory dir;
  ShoulderStore store(dir / "people");
  for (const std::string& id : std::vector<std::string>{
           "", "../etc/passwd", ".hidden", "a/b", "anna smith", "ünï", std::string(65, 'a')}) {
    const auto kept = store.keep(id, KeptShoulder{});
    ASSERT_FALSE(kept) << id;
    EXPECT_THAT(kept.error(), HasSubstr("a person's id must be 1 to 64 letters")) << id;
    EXPECT_FALSE(store.load(id)) << id;
  }
  EXPECT_FALSE(fs::exists(dir / "etc"));
}

TEST(ShoulderStore, ACorruptFileIsNamedWithWhatToDo) {
  TempDirectory dir;
  ShoulderStore store(dir.path());
  write_text(store.file_of("anna"), "{\"format\": 1, \"person\": \"anna\", ");
  const auto kept = store.load("anna");
  ASSERT_FALSE(kept);
  EXPECT_THAT(kept.error(), HasSubstr(store.file_of("anna").string()));
  EXPECT_THAT(kept.error(), HasSubstr("not a JSON object"));
  EXPECT_THAT(kept.error(), HasSubstr("remove the file"));
}

TEST(ShoulderStore, ANudgeBeyondTheLimitInTheFileIsRefused) {
  TempDirectory dir;
  ShoulderStore store(dir.path());
  write_text(store.file_of("anna"),
             R"({"format": 1, "person": "anna", "shoulder_nudge_mm": 400, "last_shoulder_mm": 1})");
  const auto kept = store.load("anna");
  ASSERT_FALSE(kept);
  EXPECT_THAT(kept.error(), HasSubstr("\"shoulder_nudge_mm\" must be a number from -50"));
}

TEST(ShoulderStore, AFileOfSomeoneElseIsRefused) {
  TempDirectory dir;
  ShoulderStore store(dir.path());
  ASSERT_TRUE(store.keep("bob", KeptShoulder{2, units::Millimetres(400.0), std::nullopt}));
  fs::copy_file(store.file_of("bob"), store.file_of("anna"));
  const auto kept = store.load("anna");
  ASSERT_FALSE(kept);
  EXPECT_THAT(kept.error(), HasSubstr("\"person\" must be \"anna\""));
}

}  // namespace
