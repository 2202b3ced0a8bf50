#include "daemon/systemd/socket_activation.hpp"

#include <sys/socket.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <cstring>
#include <string>

namespace massaged {

std::optional<int> socket_from_systemd() {
  // unset_environment = 1: the variables describe this process only, not anything it starts.
  const int count = sd_listen_fds(1);
  if (count < 0) {
    throw SocketActivationError(std::string("cannot read the sockets systemd passed: ") +
                                std::strerror(-count));
  }
  if (count == 0) return std::nullopt;
  if (count > 1) {
    for (int fd = SD_LISTEN_FDS_START; fd < SD_LISTEN_FDS_START + count; ++fd) ::close(fd);
    throw SocketActivationError("systemd passed " + std::to_string(count) +
                                " sockets, massaged serves one; give massaged.socket a single "
                                "ListenStream= line");
  }
  const int fd = SD_LISTEN_FDS_START;
  if (sd_is_socket_unix(fd, SOCK_STREAM, 1, nullptr, 0) <= 0) {
    ::close(fd);
    throw SocketActivationError(
        "the socket systemd passed is not a listening Unix stream socket; massaged.socket must "
        "use ListenStream= with a path");
  }
  return fd;
}

}  // namespace massaged
