#pragma once

#include <chrono>
#include <cstddef>

// What one client may take of the daemon, so that no client can exhaust or block it.
namespace massaged {

struct ApiLimits {
  int max_clients = 32;
  std::size_t max_message_bytes = 65536;  // one request line, without its newline
  std::chrono::milliseconds idle_timeout{std::chrono::minutes(5)};
  // Replies and notifications waiting for a client to read them. A client that lets more pile
  // up (a subscriber that stopped reading) is dropped; the daemon never waits for it.
  std::size_t max_queued_bytes = 512 * 1024;
  // Replies and notifications that have waited this long with not one byte taken by the
  // client's socket: the client has stopped reading, and is dropped however much the kernel's
  // buffers would still absorb. A slow reader that takes some bytes in time is not.
  std::chrono::milliseconds send_timeout{5000};
  // How long a client refused for max_clients may still send one emergency stop.
  std::chrono::milliseconds refused_grace{2000};
};

// Requests of one client that the main loop answers in one turn before others get theirs.
inline constexpr std::size_t kRequestsPerTurn = 16;

}  // namespace massaged
