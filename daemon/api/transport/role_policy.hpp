#pragma once

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "daemon/api/transport/api_role.hpp"
#include "daemon/api/transport/peer_credentials.hpp"
#include "daemon/config/api_section.hpp"

// Which role a client gets, from its credentials: root and the daemon's own user get every
// role; anyone else the highest role one of whose groups ([api.roles]) it belongs to, and
// "anyone" when it belongs to none. Group names are looked up once, when the daemon starts.
namespace massaged {

class RolePolicy {
 public:
  // Looks a group name up; none when no such group exists.
  using GroupLookup = std::function<std::optional<gid_t>(const std::string& name)>;

  // Nobody but root and `daemon_uid` holds a role.
  explicit RolePolicy(uid_t daemon_uid = 0);

  // A name of digits only is taken as a group id, as chown takes it; any other name is looked
  // up through `lookup` (the system's group database by default). A group that does not exist
  // grants nothing and is reported through `warn`, so that a typo shows in the log.
  static RolePolicy from_config(const ApiRoles& roles, uid_t daemon_uid,
                                const std::function<void(const std::string&)>& warn,
                                const GroupLookup& lookup = system_group_lookup);

  [[nodiscard]] ApiRole role_of(const PeerCredentials& peer) const;

  static std::optional<gid_t> system_group_lookup(const std::string& name);

 private:
  uid_t daemon_uid_;
  std::vector<gid_t> panel_;
  std::vector<gid_t> technician_;
  std::vector<gid_t> oem_;
};

}  // namespace massaged
