#include "support/control_client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace test_support {

ControlClient::ControlClient(const std::filesystem::path& socket, std::chrono::milliseconds timeout)
    : timeout_(timeout) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string path = socket.string();
  if (path.size() >= sizeof address.sun_path) {
    throw std::runtime_error("control socket path too long: " + path);
  }
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0 || ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const std::string why = std::strerror(errno);
    if (fd_ >= 0) ::close(fd_);
    throw std::runtime_error("cannot connect to the control socket " + path + ": " + why);
  }
}

ControlClient::~ControlClient() { ::close(fd_); }

nlohmann::json ControlClient::send(const nlohmann::json& request) {
  return nlohmann::json::parse(exchange(request.dump()));
}

std::string ControlClient::exchange(const std::string& line) {
  const std::string out = line + "\n";
  std::size_t sent = 0;
  while (sent < out.size()) {
    const auto n = ::send(fd_, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw std::runtime_error(std::string("control socket send: ") + std::strerror(errno));
    sent += static_cast<std::size_t>(n);
  }
  return read_line();
}

std::string ControlClient::read_line() {
  const auto deadline = std::chrono::steady_clock::now() + timeout_;
  std::array<char, 4096> chunk{};
  for (;;) {
    if (const auto end = pending_.find('\n'); end != std::string::npos) {
      std::string line = pending_.substr(0, end);
      pending_.erase(0, end + 1);
      return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw std::runtime_error("control socket: no reply in time");
    pollfd in{fd_, POLLIN, 0};
    if (::poll(&in, 1, static_cast<int>(left.count())) <= 0) continue;
    const auto n = ::recv(fd_, chunk.data(), chunk.size(), 0);
    if (n == 0) throw std::runtime_error("control socket: the simulator closed the connection");
    if (n < 0 && errno != EINTR) {
      throw std::runtime_error(std::string("control socket recv: ") + std::strerror(errno));
    }
    if (n > 0) pending_.append(chunk.data(), static_cast<std::size_t>(n));
  }
}

}  // namespace test_support
