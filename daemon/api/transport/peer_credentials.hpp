#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "result/expected.hpp"

// Who is at the other end of a Unix socket, as the kernel vouches for it when the client
// connects: its process, user, primary group and every supplementary group. Nothing the
// client sends can change it.
namespace massaged {

struct PeerCredentials {
  pid_t pid = 0;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;  // its supplementary groups

  // "uid 1000, pid 4242", for logs and for the emergency stop's source.
  [[nodiscard]] std::string describe() const;
  // The primary group or one of the supplementary ones.
  [[nodiscard]] bool in_group(gid_t group) const;
};

// Reads SO_PEERCRED and SO_PEERGROUPS of a connected Unix stream socket; the error says which
// call failed and why.
result::Expected<PeerCredentials, std::string> peer_credentials(int socket_fd);

}  // namespace massaged
