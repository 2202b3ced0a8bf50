#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

// The test's stand-in for systemd's notification socket: a Unix datagram socket whose path goes
// into the daemon's $NOTIFY_SOCKET, receiving READY=1, STATUS=..., WATCHDOG=1, STOPPING=1.
namespace massaged::testing {

class NotifyListener {
 public:
  explicit NotifyListener(std::filesystem::path path);
  NotifyListener(const NotifyListener&) = delete;
  NotifyListener& operator=(const NotifyListener&) = delete;
  ~NotifyListener();

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  // The next datagram, or nothing if none arrives within `timeout`.
  std::optional<std::string> receive(std::chrono::milliseconds timeout);

  // Receives until a datagram contains `text`, keeping everything received in `seen`; false if
  // none did within `timeout`.
  bool wait_for(const std::string& text, std::chrono::milliseconds timeout, std::string& seen);

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace massaged::testing
