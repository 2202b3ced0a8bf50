#include "daemon/api/transport/role_policy.hpp"

#include <grp.h>

#include <algorithm>
#include <cerrno>
#include <charconv>

namespace massaged {
namespace {

std::optional<gid_t> numeric_group(const std::string& name) {
  if (name.empty() ||
      !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  gid_t gid = 0;
  const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), gid);
  if (error != std::errc() || end != name.data() + name.size()) return std::nullopt;
  return gid;
}

std::vector<gid_t> resolve(const std::vector<std::string>& names, std::string_view role,
                           const std::function<void(const std::string&)>& warn,
                           const RolePolicy::GroupLookup& lookup) {
  std::vector<gid_t> out;
  for (const auto& name : names) {
    auto gid = numeric_group(name);
    if (!gid) gid = lookup(name);
    if (!gid) {
      warn("api.roles." + std::string(role) + ": there is no group \"" + name +
           "\"; its members get no " + std::string(role) +
           " role until it exists and the daemon "
           "restarts (groupadd " +
           name + ")");
      continue;
    }
    out.push_back(*gid);
  }
  return out;
}

bool any_of_groups(const PeerCredentials& peer, const std::vector<gid_t>& groups) {
  return std::any_of(groups.begin(), groups.end(),
                     [&peer](gid_t group) { return peer.in_group(group); });
}

}  // namespace

RolePolicy::RolePolicy(uid_t daemon_uid) : daemon_uid_(daemon_uid) {}

RolePolicy RolePolicy::from_config(const ApiRoles& roles, uid_t daemon_uid,
                                   const std::function<void(const std::string&)>& warn,
                                   const GroupLookup& lookup) {
  RolePolicy policy(daemon_uid);
  policy.panel_ = resolve(roles.panel, "panel", warn, lookup);
  policy.technician_ = resolve(roles.technician, "technician", warn, lookup);
  policy.oem_ = resolve(roles.oem, "oem", warn, lookup);
  return policy;
}

ApiRole RolePolicy::role_of(const PeerCredentials& peer) const {
  if (peer.uid == 0 || peer.uid == daemon_uid_) return ApiRole::oem;
  if (any_of_groups(peer, oem_)) return ApiRole::oem;
  if (any_of_groups(peer, technician_)) return ApiRole::technician;
  if (any_of_groups(peer, panel_)) return ApiRole::panel;
  return ApiRole::anyone;
}

std::optional<gid_t> RolePolicy::system_group_lookup(const std::string& name) {
  group entry{};
  group* found = nullptr;
  std::vector<char> buffer(4096);
  for (;;) {
    const int error = ::getgrnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found);
    if (error == ERANGE && buffer.size() < (1U << 20)) {
      buffer.resize(buffer.size() * 2);
      continue;
    }
    if (error != 0 || found == nullptr) return std::nullopt;
    return found->gr_gid;
  }
}

}  // namespace massaged
