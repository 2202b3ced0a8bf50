#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

// The directory that holds the API socket. Whoever can write to it can delete the daemon's
// socket and put their own in its place, then read what the panel sends; so, as chrony does
// for its command socket, the daemon refuses a directory that other users can write to.
namespace massaged {

// Why a directory with this mode and owner must not hold the API socket of a daemon running as
// `daemon_user`, or nothing when it may: it must not be writable by others and must belong to
// root or the daemon's user.
std::optional<std::string> socket_directory_fault(const std::filesystem::path& directory,
                                                  mode_t mode, uid_t owner, uid_t daemon_user);

// Creates the directory with mode 0750 if it is missing, then checks it. Throws ApiSocketError
// with what to do.
void prepare_socket_directory(const std::filesystem::path& directory);

}  // namespace massaged
