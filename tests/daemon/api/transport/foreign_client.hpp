#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

// A client of another user: a forked child becomes that user and those groups (setgroups,
// setresgid, setresuid, as root may), connects to the API socket, sends its text, shuts its
// sending side and hands back everything the server answered. The test process itself keeps
// its own credentials. Needs root.
namespace massaged::testing {

struct ClientIdentity {
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;  // supplementary groups
};

struct ForeignExchange {
  bool connected = false;
  int connect_error = 0;  // errno of connect() when it failed
  std::string received;   // every byte the server sent until it closed
};

// At most `timeout` in all.
ForeignExchange exchange_as(const ClientIdentity& who, const std::filesystem::path& socket,
                            const std::string& text,
                            std::chrono::milliseconds timeout = std::chrono::seconds(10));

// Whether this process may become other users (it runs as root).
bool can_become_other_users();

}  // namespace massaged::testing
