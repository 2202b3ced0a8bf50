#include "tests/daemon/api/transport/foreign_client.hpp"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace massaged::testing {
namespace {

// Everything below runs in the forked child of a threaded process: system calls only, no
// allocation.
[[noreturn]] void child(const ClientIdentity& who, const sockaddr_un& address, const char* text,
                        std::size_t size, int report, int timeout_ms) {
  if (::setgroups(who.groups.size(), who.groups.data()) != 0 ||
      ::setresgid(who.gid, who.gid, who.gid) != 0 || ::setresuid(who.uid, who.uid, who.uid) != 0) {
    ::_exit(2);
  }
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int error = errno;
    const char mark = 'E';
    (void)!::write(report, &mark, 1);
    (void)!::write(report, &error, sizeof error);
    ::_exit(0);
  }
  const char mark = 'C';
  (void)!::write(report, &mark, 1);
  std::size_t sent = 0;
  while (sent < size) {
    const auto n = ::send(fd, text + sent, size - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  char chunk[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) break;
    const auto n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    (void)!::write(report, chunk, static_cast<std::size_t>(n));
  }
  ::_exit(0);
}

}  // namespace

bool can_become_other_users() { return ::geteuid() == 0; }

ForeignExchange exchange_as(const ClientIdentity& who, const std::filesystem::path& socket,
                            const std::string& text, std::chrono::milliseconds timeout) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket.c_str(), sizeof(address.sun_path) - 1);
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::close(report[0]);
    child(who, address, text.data(), text.size(), report[1], static_cast<int>(timeout.count()));
  }
  ::close(report[1]);
  std::string bytes;
  char chunk[4096];
  for (;;) {
    const auto n = ::read(report[0], chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(report[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("the client child could not become uid " + std::to_string(who.uid));
  }
  ForeignExchange out;
  if (bytes.empty()) return out;
  if (bytes[0] == 'E') {
    std::memcpy(&out.connect_error, bytes.data() + 1, sizeof out.connect_error);
    return out;
  }
  out.connected = true;
  out.received = bytes.substr(1);
  return out;
}

}  // namespace massaged::testing
