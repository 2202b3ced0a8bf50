#include "daemon/api/transport/socket_directory.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "daemon/api/transport/api_socket_error.hpp"

namespace massaged {
namespace {

std::string mode_text(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

[[noreturn]] void refuse(const std::string& what, const std::filesystem::path& directory) {
  throw ApiSocketError(what + " " + directory.string() + ": " + std::strerror(errno) +
                       "; create it (mode 0750) or set api.socket to another path");
}

}  // namespace

std::optional<std::string> socket_directory_fault(const std::filesystem::path& directory,
                                                  mode_t mode, uid_t owner, uid_t daemon_user) {
  const std::string name = "the API socket's directory " + directory.string();
  if (!S_ISDIR(mode)) return name + " is not a directory; set api.socket to a path in a directory";
  if ((mode & S_IWOTH) != 0) {
    return name + " is writable by every user (mode " + mode_text(mode) +
           "), so anyone could put their own socket in the daemon's place; run chmod o-w " +
           directory.string() + " or set api.socket to a path in a directory of the daemon's own";
  }
  if (owner != 0 && owner != daemon_user) {
    return name + " belongs to user " + std::to_string(owner) +
           ", who could replace the socket; give it to root or to the daemon's user (uid " +
           std::to_string(daemon_user) + "), or set api.socket to another path";
  }
  return std::nullopt;
}

void prepare_socket_directory(const std::filesystem::path& directory) {
  struct stat st {};
  if (::stat(directory.c_str(), &st) != 0) {
    if (errno != ENOENT) refuse("cannot inspect", directory);
    // chmod after mkdir: the mode must not depend on the umask.
    if (::mkdir(directory.c_str(), 0750) != 0 || ::chmod(directory.c_str(), 0750) != 0) {
      refuse("cannot create the API socket's directory", directory);
    }
    if (::stat(directory.c_str(), &st) != 0) refuse("cannot inspect", directory);
  }
  if (const auto fault = socket_directory_fault(directory, st.st_mode, st.st_uid, ::geteuid())) {
    throw ApiSocketError(*fault);
  }
}

}  // namespace massaged
