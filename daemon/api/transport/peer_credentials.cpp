#include "daemon/api/transport/peer_credentials.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace massaged {

std::string PeerCredentials::describe() const {
  return "uid " + std::to_string(uid) + ", pid " + std::to_string(pid);
}

bool PeerCredentials::in_group(gid_t group) const {
  return group == gid || std::find(groups.begin(), groups.end(), group) != groups.end();
}

result::Expected<PeerCredentials, std::string> peer_credentials(int socket_fd) {
  ucred cred{};
  socklen_t length = sizeof cred;
  if (::getsockopt(socket_fd, SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0) {
    return result::unexpected(std::string("cannot read the client's credentials (SO_PEERCRED): ") +
                              std::strerror(errno));
  }
  PeerCredentials out{cred.pid, cred.uid, cred.gid, {}};
  // The kernel says how much room the list needs when the first guess is too small.
  std::vector<gid_t> groups(32);
  for (;;) {
    socklen_t bytes = static_cast<socklen_t>(groups.size() * sizeof(gid_t));
    if (::getsockopt(socket_fd, SOL_SOCKET, SO_PEERGROUPS, groups.data(), &bytes) == 0) {
      groups.resize(bytes / sizeof(gid_t));
      break;
    }
    if (errno != ERANGE || bytes / sizeof(gid_t) <= groups.size()) {
      return result::unexpected(std::string("cannot read the client's groups (SO_PEERGROUPS): ") +
                                std::strerror(errno));
    }
    groups.resize(bytes / sizeof(gid_t));
  }
  out.groups = std::move(groups);
  return out;
}

}  // namespace massaged
