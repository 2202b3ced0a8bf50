// chairctl as a process, where no daemon answers: its help and exit codes, the program check an
// OEM runs at a desk, and what it says when the daemon is not running or the socket is closed
// to the user.

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/temp_directory.hpp"
#include "tests/daemon/chairctl/chairctl_run.hpp"

using massaged::testing::run_chairctl;
using nlohmann::json;
using testing::HasSubstr;

namespace {

const std::string kSource = MASSAGED_SOURCE_DIR;

TEST(ChairctlWithoutDaemon, HelpListsTheCommandsAndTheExitCodes) {
  const auto run = run_chairctl({"--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("estop"));
  EXPECT_THAT(run.out, HasSubstr("watch"));
  EXPECT_THAT(run.out, HasSubstr("Exit codes:"));
  EXPECT_THAT(run.out, HasSubstr("3  the daemon cannot be reached"));
}

TEST(ChairctlWithoutDaemon, WrongCommandLineExits2) {
  EXPECT_EQ(run_chairctl({"fly"}).exit_code, 2);
  EXPECT_EQ(run_chairctl({"start"}).exit_code, 2);  // no program
  EXPECT_EQ(run_chairctl({"start", "quick-relief", "--intensity", "11"}).exit_code, 2);
}

TEST(ChairctlWithoutDaemon, ProgramCheckNeedsNoDaemonAndPassesAShippedProgram) {
  const auto run = run_chairctl({"--socket", "/nonexistent/api.sock", "programs", "check",
                                 kSource + "/programs/quick-relief.toml"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("quick-relief.toml: valid: \"Quick relief\" (quick-relief)"));
}

TEST(ChairctlWithoutDaemon, ProgramCheckShowsEveryLocatedErrorAndExits5) {
  const auto bad = kSource + "/tests/fuzz/programs/corpus/invalid-midline.toml";
  const auto run = run_chairctl({"programs", "check", kSource + "/programs/lower-back.toml", bad});
  EXPECT_EQ(run.exit_code, 5);
  EXPECT_THAT(run.out, HasSubstr("lower-back.toml: valid"));
  EXPECT_THAT(run.out, HasSubstr(bad + ":12:14: step[0].lateral_cm"));
}

TEST(ChairctlWithoutDaemon, ProgramCheckSpeaksJsonForScripts) {
  const auto run =
      run_chairctl({"--json", "programs", "check", kSource + "/programs/quick-relief.toml",
                    kSource + "/tests/fuzz/programs/corpus/invalid-syntax.toml"});
  EXPECT_EQ(run.exit_code, 5);
  const auto verdicts = json::parse(run.out);
  ASSERT_EQ(verdicts.size(), 2U);
  EXPECT_EQ(verdicts[0]["valid"], true);
  EXPECT_EQ(verdicts[0]["id"], "quick-relief");
  EXPECT_EQ(verdicts[1]["valid"], false);
  EXPECT_FALSE(verdicts[1]["errors"].empty());
}

TEST(ChairctlWithoutDaemon, MissingSocketSaysTheDaemonIsNotRunningAndExits3) {
  test_support::TempDirectory dir;
  const auto socket = (dir / "api.sock").string();
  for (const auto& command : {"status", "estop", "watch"}) {
    const auto run = run_chairctl({"--socket", socket, command});
    EXPECT_EQ(run.exit_code, 3) << command;
    EXPECT_THAT(run.err, HasSubstr("cannot connect to " + socket +
                                   ": there is no such socket; the daemon is not running "
                                   "(systemctl start massaged)"));
  }
}

TEST(ChairctlWithoutDaemon, SocketNobodyListensOnIsADaemonThatIsNotRunning) {
  test_support::TempDirectory dir;
  const auto socket = dir / "api.sock";
  // A socket left behind by a daemon that died: bound, never listening.
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket.c_str(), sizeof(address.sun_path) - 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  ::close(fd);
  const auto run = run_chairctl({"--socket", socket.string(), "status"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_THAT(run.err, HasSubstr("nobody listens on it"));
}

TEST(ChairctlWithoutDaemon, SocketClosedToTheUserIsPermissionDeniedAndExits4) {
  if (!massaged::testing::can_become_other_users()) GTEST_SKIP() << "needs root";
  test_support::TempDirectory dir;
  ::chmod(dir.path().c_str(), 0755);
  const auto socket = dir / "api.sock";
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket.c_str(), sizeof(address.sun_path) - 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  ::chmod(socket.c_str(), 0660);  // root's group only
  const auto run = run_chairctl({"--socket", socket.string(), "status"},
                                massaged::testing::ClientIdentity{61000, 61000, {}});
  ::close(fd);
  EXPECT_EQ(run.exit_code, 4) << run.err;
  EXPECT_THAT(run.err, HasSubstr("permission denied; your user needs to be in the socket's group"));
}

}  // namespace
