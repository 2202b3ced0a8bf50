#include "tests/daemon/support/api_client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace massaged::testing {
namespace {

int connect_to(const std::filesystem::path& socket) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket.c_str(), sizeof(address.sun_path) - 1);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int error = errno;
    ::close(fd);
    errno = error;
    return -1;
  }
  return fd;
}

}  // namespace

ApiClient::ApiClient(const std::filesystem::path& socket) : fd_(connect_to(socket)) {
  if (fd_ < 0) {
    throw std::runtime_error("cannot connect to " + socket.string() + ": " + std::strerror(errno));
  }
}

ApiClient::~ApiClient() { ::close(fd_); }

void ApiClient::send(const std::string& text) {
  std::size_t sent = 0;
  while (sent < text.size()) {
    const auto n = ::send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the daemon closed the connection; reads will show it
    sent += static_cast<std::size_t>(n);
  }
}

std::optional<std::string> ApiClient::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto newline = buffered_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffered_.substr(0, newline);
      buffered_.erase(0, newline + 1);
      return line;
    }
    if (eof_) return std::nullopt;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
    char chunk[4096];
    const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      eof_ = true;
    } else {
      buffered_.append(chunk, static_cast<std::size_t>(n));
    }
  }
}

std::optional<std::string> ApiClient::call(const std::string& line) {
  send(line + "\n");
  return read_line();
}

bool ApiClient::closed_by_peer(std::chrono::milliseconds timeout) {
  while (read_line(timeout)) {
  }
  return eof_;
}

bool can_connect(const std::filesystem::path& socket) {
  const int fd = connect_to(socket);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

}  // namespace massaged::testing
