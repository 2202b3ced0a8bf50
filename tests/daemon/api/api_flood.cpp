#include "tests/daemon/api/api_flood.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace massaged::testing {

using namespace std::chrono_literals;

int connect_raw(const std::filesystem::path& socket) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket.c_str(), sizeof(address.sun_path) - 1);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& text) {
  std::size_t sent = 0;
  while (sent < text.size()) {
    const auto n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;  // full
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::string garbage(int n) {
  std::string text = "this is not json\n{\"jsonrpc\":\"2.0\",\"method\":5}\n";
  text += R"({"jsonrpc":"2.0","method":"chair.fly","id":1})"
          "\n";
  text += R"({"jsonrpc":"2.0","method":"programs.describe","params":{"id":[1,2]},"id":2})"
          "\n";
  text += R"({"jsonrpc":"2.0","method":"chair.status","params":)" + std::string(200, '[') +
          std::string(200, ']') + "}\n";
  text += std::string(1, static_cast<char>(0xff)) + "\x01\x02\n";
  if (n % 2 == 0) text += std::string(10000, 'x') + "\n";
  return text;
}

ApiFlood::ApiFlood(std::filesystem::path socket) : socket_(std::move(socket)) {
  for (int t = 0; t < 4; ++t) {
    threads_.emplace_back([this, t] {
      int n = t;
      while (flooding_.load()) {
        std::vector<int> fds;
        for (int i = 0; i < 50; ++i, n += 4) {
          const int fd = connect_raw(socket_);
          if (fd < 0) continue;
          connections_.fetch_add(1);
          send_all(fd, garbage(n));
          fds.push_back(fd);
        }
        std::this_thread::sleep_for(20ms);
        for (const int fd : fds) ::close(fd);
      }
    });
  }
}

ApiFlood::~ApiFlood() { stop(); }

void ApiFlood::stop() {
  flooding_ = false;
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

}  // namespace massaged::testing
