#pragma once

#include <chrono>
#include <cstddef>

// What one client may take of the daemon, so that no client can exhaust or block it.
namespace massaged {

struct ApiLimits {
  int max_clients = 32;
  std::size_t max_message_bytes = 65536;  // one request line, without its newline
  std::chrono::milliseconds idle_timeout{std::chrono::minutes(5)};
};

}  // namespace massaged
