#pragma once

#include <chrono>
#include <optional>

// Whether the replies and notifications waiting for one client are being taken by its socket.
// Output that has waited send_timeout with not one byte taken means the client has stopped
// reading, whatever the kernel's socket buffers would still absorb: the connection drops it. A
// slow reader whose socket takes some bytes within every send_timeout is being served, however
// long its whole queue takes.
namespace massaged {

class OutputDrain {
 public:
  using Clock = std::chrono::steady_clock;

  explicit OutputDrain(std::chrono::milliseconds send_timeout) : send_timeout_(send_timeout) {}

  // Output waits for the client from `now` on; when some was waiting already, it has waited
  // since then.
  void waiting(Clock::time_point now);
  // The socket took some of the waiting output at `now`, and more waits: the wait starts afresh.
  void took(Clock::time_point now);
  // Nothing waits any more.
  void drained();

  // When the output has stalled unless the socket takes some of it before; nothing when nothing
  // waits.
  [[nodiscard]] std::optional<Clock::time_point> deadline() const;
  [[nodiscard]] bool stalled(Clock::time_point now) const;
  [[nodiscard]] std::chrono::milliseconds send_timeout() const { return send_timeout_; }

 private:
  std::chrono::milliseconds send_timeout_;
  std::optional<Clock::time_point> since_;  // the socket's last progress, or the wait's start
};

}  // namespace massaged
