#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

// A client of the daemon's API socket, as a control panel would be: it writes lines and reads
// lines, every read bounded by a timeout so that a test never hangs.
namespace massaged::testing {

class ApiClient {
 public:
  // Throws std::runtime_error when the socket refuses the connection.
  explicit ApiClient(const std::filesystem::path& socket);
  ApiClient(const ApiClient&) = delete;
  ApiClient& operator=(const ApiClient&) = delete;
  ~ApiClient();

  // Sends `text` as it is (add the newline yourself).
  void send(const std::string& text);
  // The next line without its newline; nothing if none came within `timeout` or the daemon
  // closed the connection first.
  std::optional<std::string> read_line(
      std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Sends one line and returns the reply line.
  std::optional<std::string> call(const std::string& line);
  // True once the daemon has closed the connection (within `timeout`).
  bool closed_by_peer(std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  int fd_ = -1;
  std::string buffered_;
  bool eof_ = false;
};

// True when a connection to `socket` succeeds now.
bool can_connect(const std::filesystem::path& socket);

}  // namespace massaged::testing
