// Atomic, durable state files: a write replaces the file whole, and a writer killed at any step
// before its rename leaves the previous file exactly as it was; after the rename, the new one.

#include "daemon/storage/atomic_file.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/storage/stored_file.hpp"
#include "support/temp_directory.hpp"

namespace {

namespace fs = std::filesystem;
using storage::PendingFile;
using test_support::TempDirectory;
using testing::HasSubstr;

std::string contents_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> names_in(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

// The steps a writer may have done when it is killed.
enum class KilledAfter { create, half_write, write, sync, commit };

// A child process writes `contents` to `target` up to `step`, then is killed with SIGKILL, as
// a power cut or the OOM killer would stop it: no destructor runs, nothing is cleaned up.
void write_and_get_killed(const fs::path& target, const std::string& contents, KilledAfter step) {
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto file = PendingFile::create(target);
    if (!file) ::_exit(2);
    if (step == KilledAfter::half_write) {
      (void)file->write(std::string_view(contents).substr(0, contents.size() / 2));
    }
    if (step >= KilledAfter::write) (void)file->write(contents);
    if (step >= KilledAfter::sync) (void)file->sync();
    if (step >= KilledAfter::commit) (void)file->commit();
    ::raise(SIGKILL);
    ::_exit(3);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the writer exited on its own with " << status;
  ASSERT_EQ(WTERMSIG(status), SIGKILL);
}

TEST(AtomicFile, AWriteCreatesTheFileWithItsContents) {
  TempDirectory dir;
  const auto target = dir / "shoulders.json";
  ASSERT_TRUE(storage::write_atomically(target, "{\"nudge\": 10}\n"));
  EXPECT_EQ(contents_of(target), "{\"nudge\": 10}\n");
  EXPECT_THAT(names_in(dir.path()), testing::ElementsAre("shoulders.json"));
}

TEST(AtomicFile, AWriteReplacesTheOldContentsWhole) {
  TempDirectory dir;
  const auto target = dir / "calibration.json";
  ASSERT_TRUE(storage::write_atomically(target, std::string(5000, 'o')));
  ASSERT_TRUE(storage::write_atomically(target, "short"));
  EXPECT_EQ(contents_of(target), "short");
  EXPECT_THAT(names_in(dir.path()), testing::ElementsAre("calibration.json"));
}

TEST(AtomicFile, AWriterKilledBeforeItsRenameLeavesThePreviousFileIntact) {
  for (const auto step :
       {KilledAfter::create, KilledAfter::half_write, KilledAfter::write, KilledAfter::sync}) {
    SCOPED_TRACE(static_cast<int>(step));
    TempDirectory dir;
    const auto target = dir / "anna.json";
    ASSERT_TRUE(storage::write_atomically(target, "the old contents\n"));
    write_and_get_killed(target, "the new contents, longer than the old ones\n", step);
    EXPECT_EQ(contents_of(target), "the old contents\n");
    // The dead writer's temporary file is left behind, and never taken for the stored file.
    const auto names = names_in(dir.path());
    ASSERT_EQ(names.size(), 2U);
    for (const auto& name : names) {
      if (name != "anna.json") {
        EXPECT_TRUE(storage::is_temporary_file(name)) << name;
      }
    }
    // The next writer of the file clears it away.
    ASSERT_TRUE(storage::write_atomically(target, "the next contents\n"));
    EXPECT_EQ(contents_of(target), "the next contents\n");
    EXPECT_THAT(names_in(dir.path()), testing::ElementsAre("anna.json"));
  }
}

TEST(AtomicFile, AWriterKilledAfterItsRenameLeavesTheNewFileWhole) {
  TempDirectory dir;
  const auto target = dir / "anna.json";
  ASSERT_TRUE(storage::write_atomically(target, "the old contents\n"));
  write_and_get_killed(target, "the new contents\n", KilledAfter::commit);
  EXPECT_EQ(contents_of(target), "the new contents\n");
  EXPECT_THAT(names_in(dir.path()), testing::ElementsAre("anna.json"));
}

TEST(AtomicFile, AWriteAbandonedWithoutCommitLeavesNothingBehind) {
  TempDirectory dir;
  const auto target = dir / "program.toml";
  ASSERT_TRUE(storage::write_atomically(target, "old"));
  {
    auto file = PendingFile::create(target);
    ASSERT_TRUE(file);
    ASSERT_TRUE(file->write("half of the new"));
  }
  EXPECT_EQ(contents_of(target), "old");
  EXPECT_THAT(names_in(dir.path()), testing::ElementsAre("program.toml"));
}

TEST(AtomicFile, AnotherWriteInProgressIsNotTakenForALeftover) {
  TempDirectory dir;
  auto first = PendingFile::create(dir / "a.json");
  ASSERT_TRUE(first);
  ASSERT_TRUE(first->write("first"));
  ASSERT_TRUE(storage::write_atomically(dir / "a.json", "second"));
  ASSERT_TRUE(fs::exists(first->temporary()));
  ASSERT_TRUE(first->sync());
  ASSERT_TRUE(first->commit());
  EXPECT_EQ(contents_of(dir / "a.json"), "first");
}

TEST(AtomicFile, AMissingDirectoryIsNamedWithWhatToDo) {
  TempDirectory dir;
  const auto target = dir / "no-such-directory" / "anna.json";
  const auto written = storage::write_atomically(target, "x");
  ASSERT_FALSE(written);
  EXPECT_THAT(written.error(), HasSubstr((dir / "no-such-directory").string()));
  EXPECT_THAT(written.error(), HasSubstr("No such file or directory"));
  EXPECT_THAT(written.error(), HasSubstr("check that the directory exists"));
}

TEST(AtomicFile, AFailedRenameKeepsTheOldStateAndLeavesNoTemporaryFile) {
  TempDirectory dir;
  const auto target = dir / "occupied";
  fs::create_directory(target);
  fs::create_directory(target / "inside");  // a non-empty directory: rename cannot replace it
  const auto written = storage::write_atomically(target, "x");
  ASSERT_FALSE(written);
  EXPECT_THAT(written.error(), HasSubstr("cannot replace " + target.string()));
  EXPECT_TRUE(fs::is_directory(target / "inside"));
  EXPECT_THAT(names_in(dir.path()), testing::ElementsAre("occupied"));
}

TEST(StoredFile, AFileNeverWrittenReadsAsNothing) {
  TempDirectory dir;
  const auto read = storage::read_stored_file(dir / "nobody.json");
  ASSERT_TRUE(read);
  EXPECT_FALSE(read->has_value());
}

TEST(StoredFile, ReadsBackWhatWasWritten) {
  TempDirectory dir;
  ASSERT_TRUE(storage::write_atomically(dir / "x.json", "{}"));
  const auto read = storage::read_stored_file(dir / "x.json");
  ASSERT_TRUE(read);
  ASSERT_TRUE(read->has_value());
  EXPECT_EQ(**read, "{}");
}

TEST(StoredFile, AFileLargerThanAnyStateFileIsRefusedUnread) {
  TempDirectory dir;
  ASSERT_TRUE(storage::write_atomically(dir / "big", std::string(2000, 'x')));
  const auto read = storage::read_stored_file(dir / "big", 1000);
  ASSERT_FALSE(read);
  EXPECT_THAT(read.error(), HasSubstr("2000 bytes, more than the 1000"));
}

TEST(StoredFile, ADirectoryInTheFilesPlaceIsRefused) {
  TempDirectory dir;
  fs::create_directory(dir / "x.json");
  const auto read = storage::read_stored_file(dir / "x.json");
  ASSERT_FALSE(read);
  EXPECT_THAT(read.error(), HasSubstr("not a regular file"));
}

}  // namespace
