#pragma once

#include <optional>
#include <stdexcept>

// Socket activation (massaged.socket): systemd creates the API socket and hands it over as a
// listening descriptor, so clients can connect before the daemon runs and across restarts.
namespace massaged {

class SocketActivationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The listening Unix stream socket systemd passed, now owned by the caller; nothing when the
// daemon was not socket-activated. Throws SocketActivationError when systemd passed sockets
// the daemon cannot use (several, or not a listening Unix stream socket).
std::optional<int> socket_from_systemd();

}  // namespace massaged
