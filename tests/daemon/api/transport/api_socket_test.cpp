#include "daemon/api/transport/api_socket.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/api/transport/socket_directory.hpp"
#include "support/temp_directory.hpp"
#include "tests/daemon/support/api_client.hpp"

using massaged::ApiSocket;
using massaged::ApiSocketError;
using test_support::TempDirectory;
using testing::HasSubstr;

namespace {

mode_t mode_of(const std::filesystem::path& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

std::string refusal(boost::asio::io_context& io, const std::filesystem::path& path) {
  try {
    (void)ApiSocket::create(io, path);
  } catch (const ApiSocketError& e) {
    return e.what();
  }
  return "accepted";
}

// A socket bound at `path`; listening or not, as a running or a dead daemon leaves it.
int bound_socket(const std::filesystem::path& path, bool listening) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
  EXPECT_EQ(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  if (listening) {
    EXPECT_EQ(::listen(fd, 4), 0);
  }
  return fd;
}

class ApiSocketTest : public testing::Test {
 protected:
  TempDirectory dir_;
  boost::asio::io_context io_;
};

TEST_F(ApiSocketTest, SocketIsCreatedWithMode0660AndAcceptsClients) {
  const auto path = dir_ / "api.sock";
  auto socket = ApiSocket::create(io_, path);
  EXPECT_EQ(mode_of(path), 0660U);
  EXPECT_EQ(socket.description(), path.string());
  EXPECT_TRUE(massaged::testing::can_connect(path));
}

TEST_F(ApiSocketTest, MissingDirectoryIsCreatedWithMode0750WhateverTheUmask) {
  const auto path = dir_ / "run" / "api.sock";
  const mode_t previous = ::umask(0);
  auto socket = ApiSocket::create(io_, path);
  ::umask(previous);
  EXPECT_EQ(mode_of(dir_ / "run"), 0750U);
  EXPECT_EQ(mode_of(path), 0660U);
}

TEST_F(ApiSocketTest, WorldWritableDirectoryIsRefusedAndNoSocketAppears) {
  const auto run = dir_ / "run";
  std::filesystem::create_directory(run);
  ::chmod(run.c_str(), 0777);
  EXPECT_EQ(refusal(io_, run / "api.sock"),
            "the API socket's directory " + run.string() +
                " is writable by every user (mode 0777), so anyone could put their own socket "
                "in the daemon's place; run chmod o-w " +
                run.string() + " or set api.socket to a path in a directory of the daemon's own");
  EXPECT_FALSE(std::filesystem::exists(run / "api.sock"));
}

TEST_F(ApiSocketTest, StickyWorldWritableDirectoryLikeTmpIsRefusedToo) {
  const auto run = dir_ / "shared";
  std::filesystem::create_directory(run);
  ::chmod(run.c_str(), 01777);
  EXPECT_THAT(refusal(io_, run / "api.sock"), HasSubstr("writable by every user (mode 1777)"));
}

TEST_F(ApiSocketTest, SocketLeftByADeadDaemonIsReplaced) {
  const auto path = dir_ / "api.sock";
  ::close(bound_socket(path, true));  // the file stays, nobody listens
  auto socket = ApiSocket::create(io_, path);
  EXPECT_TRUE(massaged::testing::can_connect(path));
}

TEST_F(ApiSocketTest, SocketSomeoneStillServesIsLeftAlone) {
  const auto path = dir_ / "api.sock";
  const int other = bound_socket(path, true);
  EXPECT_EQ(refusal(io_, path), "another process already serves " + path.string() +
                                    "; stop it first (systemctl stop massaged) or set api.socket "
                                    "to another path");
  EXPECT_TRUE(massaged::testing::can_connect(path));
  ::close(other);
}

TEST_F(ApiSocketTest, FileThatIsNotASocketIsNeverDeleted) {
  const auto path = dir_ / "api.sock";
  std::ofstream(path) << "notes";
  EXPECT_THAT(refusal(io_, path), HasSubstr(path.string() + " exists and is not a socket"));
  EXPECT_TRUE(std::filesystem::is_regular_file(path));
}

TEST_F(ApiSocketTest, SocketPathIsRemovedWhenTheDaemonIsDone) {
  const auto path = dir_ / "api.sock";
  { auto socket = ApiSocket::create(io_, path); }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(ApiSocketTest, SocketFromSystemdIsUsedAndItsPathLeftToSystemd) {
  const auto path = dir_ / "activated.sock";
  {
    auto socket = ApiSocket::adopt(io_, bound_socket(path, true));
    EXPECT_EQ(socket.description(), path.string() + " (from systemd)");
  }
  EXPECT_TRUE(std::filesystem::exists(path));
}

TEST(SocketDirectoryFault, DirectoryOfRootOrTheDaemonWithoutOtherWriteIsFine) {
  EXPECT_FALSE(massaged::socket_directory_fault("/run/massaged", S_IFDIR | 0750, 0, 998));
  EXPECT_FALSE(massaged::socket_directory_fault("/run/massaged", S_IFDIR | 0770, 998, 998));
}

TEST(SocketDirectoryFault, DirectoryOfAnotherUserIsRefused) {
  EXPECT_EQ(massaged::socket_directory_fault("/home/eve/run", S_IFDIR | 0755, 1001, 998),
            "the API socket's directory /home/eve/run belongs to user 1001, who could replace the "
            "socket; give it to root or to the daemon's user (uid 998), or set api.socket to "
            "another path");
}

TEST(SocketDirectoryFault, NonDirectoryIsRefused) {
  EXPECT_THAT(massaged::socket_directory_fault("/run/file", S_IFREG | 0644, 0, 0).value_or(""),
              HasSubstr("is not a directory"));
}

}  // namespace
