#include "daemon/api/transport/api_socket.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "daemon/api/transport/socket_directory.hpp"

namespace massaged {
namespace {

using Protocol = boost::asio::local::stream_protocol;

[[noreturn]] void refuse(const std::string& message) { throw ApiSocketError(message); }

std::string socket_errno_text() { return std::strerror(errno); }

// True when a daemon still accepts connections on the socket at `path`.
bool someone_listens(const std::filesystem::path& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) refuse("cannot create a socket: " + socket_errno_text());
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
  const int result = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  const int error = errno;
  ::close(fd);
  if (result == 0 || error == EAGAIN || error == EINPROGRESS) return true;  // EAGAIN: backlog full
  if (error == ECONNREFUSED || error == ENOENT) return false;
  refuse("cannot tell whether " + path.string() + " is in use: " + std::strerror(error));
}

void clear_stale_socket(const std::filesystem::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    refuse("cannot inspect " + path.string() + ": " + socket_errno_text());
  }
  if (!S_ISSOCK(st.st_mode)) {
    refuse(path.string() +
           " exists and is not a socket; remove it or set api.socket to another "
           "path");
  }
  if (someone_listens(path)) {
    refuse("another process already serves " + path.string() +
           "; stop it first (systemctl stop massaged) or set api.socket to another path");
  }
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    refuse("cannot remove the stale socket " + path.string() + ": " + socket_errno_text());
  }
}

}  // namespace

ApiSocket::ApiSocket(Acceptor acceptor, std::optional<CreatedFile> created, std::string description)
    : acceptor_(std::move(acceptor)),
      created_(std::move(created)),
      description_(std::move(description)) {}

ApiSocket::ApiSocket(ApiSocket&& other) noexcept
    : acceptor_(std::move(other.acceptor_)),
      created_(std::exchange(other.created_, std::nullopt)),
      description_(std::move(other.description_)) {}

ApiSocket::~ApiSocket() {
  if (!created_) return;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  struct stat st {};
  if (::lstat(created_->path.c_str(), &st) == 0 && st.st_ino == created_->inode) {
    ::unlink(created_->path.c_str());
  }
}

ApiSocket ApiSocket::create(boost::asio::io_context& io, const std::filesystem::path& path) {
  if (path.native().size() >= sizeof(sockaddr_un::sun_path)) {
    refuse("the API socket path " + path.string() + " is too long for a Unix socket (at most " +
           std::to_string(sizeof(sockaddr_un::sun_path) - 1) + " bytes); set a shorter api.socket");
  }
  prepare_socket_directory(path.parent_path());
  clear_stale_socket(path);

  Acceptor acceptor(io);
  boost::system::error_code error;
  acceptor.open(Protocol(), error);
  if (!error) acceptor.bind(Protocol::endpoint(path.string()), error);
  if (error) refuse("cannot create the API socket " + path.string() + ": " + error.message());
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0)
    refuse("cannot inspect " + path.string() + ": " + socket_errno_text());
  // From here the object owns the file and removes it again if a later step fails.
  ApiSocket socket(std::move(acceptor), CreatedFile{path, st.st_ino}, path.string());
  // Nobody can connect before listen(), so the mode is right before the first client arrives.
  if (::chmod(path.c_str(), 0660) != 0) {
    refuse("cannot set mode 0660 on " + path.string() + ": " + socket_errno_text());
  }
  socket.acceptor_.listen(Protocol::acceptor::max_listen_connections, error);
  if (error) refuse("cannot listen on " + path.string() + ": " + error.message());
  return socket;
}

void ApiSocket::move_to(boost::asio::io_context& io) {
  Acceptor moved(io);
  const auto fd = acceptor_.release();
  boost::system::error_code error;
  moved.assign(Protocol(), fd, error);
  if (error) {
    ::close(fd);
    refuse("cannot serve the API socket " + description_ + ": " + error.message());
  }
  acceptor_ = std::move(moved);
}

ApiSocket ApiSocket::adopt(boost::asio::io_context& io, int listening_fd) {
  Acceptor acceptor(io);
  boost::system::error_code error;
  acceptor.assign(Protocol(), listening_fd, error);
  if (error) {
    ::close(listening_fd);
    refuse("cannot use the socket systemd passed: " + error.message());
  }
  const auto local = acceptor.local_endpoint(error);
  const std::string where = error ? std::string("an unnamed socket") : local.path();
  return ApiSocket(std::move(acceptor), std::nullopt, where + " (from systemd)");
}

}  // namespace massaged
