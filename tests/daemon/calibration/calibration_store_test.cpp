#include "daemon/calibration/calibration_store.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>

#include "daemon/calibration/calibration_text.hpp"
#include "support/temp_directory.hpp"

namespace calibration {
namespace {

StoredCalibration measured(double gain) {
  StoredCalibration s;
  auto& c = s.calibration;
  c.valid = true;
  c.travel = {units::Millimetres(2.0), units::Millimetres(1198.0)};
  c.force.offset = units::Newtons(3.02);
  c.force.gain = gain;
  s.parts[Procedure::force_sensor] = {DriveStamp{20260003, 0x0104},
                                      std::chrono::sys_seconds{std::chrono::seconds{1795525502}},
                                      1000};
  return s;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

// Writes the new current file's contents beside it the way DiskStateFiles does, then dies
// before the rename, as a process killed at that moment would.
class DyingBeforeRename final : public StateFiles {
 public:
  result::Expected<std::optional<std::string>, std::string> read(
      const std::filesystem::path& path) override {
    return disk_.read(path);
  }
  result::Expected<void, std::string> replace(const std::filesystem::path& path,
                                              std::string_view contents) override {
    if (path.filename() != kCurrentFile) return disk_.replace(path, contents);
    std::ofstream(DiskStateFiles::partial_of(path)) << contents;
    std::raise(SIGKILL);
    return {};
  }

 private:
  DiskStateFiles disk_;
};

TEST(CalibrationStore, ChairNeverCalibratedCannotRunPrograms) {
  test_support::TempDirectory dir;
  DiskStateFiles files;
  const CalibrationStore store(dir.path(), files);
  const auto start = calibration_at_start(store);
  EXPECT_FALSE(start.calibration.valid);
  EXPECT_NE(start.refusal.find("never calibrated"), std::string::npos) << start.refusal;
}

TEST(CalibrationStore, CommitKeepsTheReplacedCalibrationAsPrevious) {
  test_support::TempDirectory dir;
  DiskStateFiles files;
  CalibrationStore store(dir.path(), files);
  ASSERT_TRUE(store.commit(measured(1.05)));
  ASSERT_TRUE(store.commit(measured(1.07)));

  const auto current = store.load();
  ASSERT_TRUE(current && *current) << (current ? "" : current.error());
  EXPECT_DOUBLE_EQ((*current)->calibration.force.gain, 1.07);
  EXPECT_DOUBLE_EQ((*current)->calibration.travel.max.value(), 1198.0);
  EXPECT_TRUE((*current)->calibration.valid);
  const auto previous = store.load_previous();
  ASSERT_TRUE(previous && *previous);
  EXPECT_DOUBLE_EQ((*previous)->calibration.force.gain, 1.05);
  EXPECT_TRUE(calibration_at_start(store).refusal.empty());
}

TEST(CalibrationStore, FirstCommitCreatesAMissingStateDirectory) {
  test_support::TempDirectory dir;
  DiskStateFiles files;
  const auto state = dir.path() / "var" / "massaged";  // as a daemon run by hand may find it
  CalibrationStore store(state, files);
  const auto committed = store.commit(measured(1.05));
  ASSERT_TRUE(committed) << committed.error();
  const auto current = store.load();
  ASSERT_TRUE(current && *current);
  EXPECT_DOUBLE_EQ((*current)->calibration.force.gain, 1.05);
}

TEST(CalibrationStore, CorruptedFileIsRefusedSayingWhyAndWhatToDo) {
  test_support::TempDirectory dir;
  DiskStateFiles files;
  CalibrationStore store(dir.path(), files);
  ASSERT_TRUE(store.commit(measured(1.06)));
  auto text = read_text(store.current_path());
  text.replace(text.find("gain = 1.06"), 11, "gain = 1.60");
  write_text(store.current_path(), text);

  const auto loaded = store.load();
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().find("calibration.toml"), std::string::npos) << loaded.error();
  EXPECT_NE(loaded.error().find("checksum"), std::string::npos) << loaded.error();
  EXPECT_NE(loaded.error().find("calibrate the chair again"), std::string::npos);
  const auto start = calibration_at_start(store);
  EXPECT_FALSE(start.calibration.valid);
  EXPECT_NE(start.refusal.find("programs cannot run"), std::string::npos) << start.refusal;
}

TEST(CalibrationStore, FileCutShortIsRefused) {
  test_support::TempDirectory dir;
  DiskStateFiles files;
  CalibrationStore store(dir.path(), files);
  ASSERT_TRUE(store.commit(measured(1.06)));
  const auto text = read_text(store.current_path());
  write_text(store.current_path(), text.substr(0, text.size() / 2));
  const auto loaded = store.load();
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().find("no checksum line"), std::string::npos) << loaded.error();
}

TEST(CalibrationStore, DamagedFileDoesNotPushOutTheGoodPreviousOne) {
  test_support::TempDirectory dir;
  DiskStateFiles files;
  CalibrationStore store(dir.path(), files);
  ASSERT_TRUE(store.commit(measured(1.05)));
  ASSERT_TRUE(store.commit(measured(1.06)));
  write_text(store.current_path(), "garbage\n");
  ASSERT_TRUE(store.commit(measured(1.07)));
  const auto previous = store.load_previous();
  ASSERT_TRUE(previous && *previous);
  EXPECT_DOUBLE_EQ((*previous)->calibration.force.gain, 1.05);
}

TEST(CalibrationStore, ProcessKilledBetweenWriteAndRenameLeavesThePreviousCalibration) {
  test_support::TempDirectory dir;
  {
    DiskStateFiles files;
    CalibrationStore store(dir.path(), files);
    ASSERT_TRUE(store.commit(measured(1.05)));
  }
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    DyingBeforeRename files;
    CalibrationStore store(dir.path(), files);
    (void)store.commit(measured(1.09));
    ::_exit(0);  // not reached: the write kills the process
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));

  DiskStateFiles files;
  const CalibrationStore store(dir.path(), files);
  EXPECT_TRUE(std::filesystem::exists(DiskStateFiles::partial_of(store.current_path())));
  const auto current = store.load();
  ASSERT_TRUE(current && *current) << (current ? "" : current.error());
  EXPECT_DOUBLE_EQ((*current)->calibration.force.gain, 1.05);
  EXPECT_TRUE(calibration_at_start(store).refusal.empty());
}

}  // namespace
}  // namespace calibration
