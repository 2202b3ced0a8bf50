#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>

#include "daemon/api/transport/api_socket_error.hpp"

// The API's listening Unix socket: either created by the daemon at the configured path, or
// taken over from systemd (socket activation). Only local users in the socket's group reach it,
// so its directory and mode are checked as chrony checks its command socket.
namespace massaged {

class ApiSocket {
 public:
  using Acceptor = boost::asio::local::stream_protocol::acceptor;

  // Creates a listening socket at `path`, mode 0660, in a directory prepare_socket_directory()
  // accepts. A socket left behind by a daemon that died is replaced; a socket someone still
  // listens on, or any other file, is not. Throws ApiSocketError.
  static ApiSocket create(boost::asio::io_context& io, const std::filesystem::path& path);

  // Takes over a listening socket systemd passed; systemd keeps its path.
  static ApiSocket adopt(boost::asio::io_context& io, int listening_fd);

  ApiSocket(ApiSocket&& other) noexcept;
  ApiSocket& operator=(ApiSocket&&) = delete;
  ApiSocket(const ApiSocket&) = delete;
  ApiSocket& operator=(const ApiSocket&) = delete;
  // Removes the path this object created, if it is still that socket.
  ~ApiSocket();

  [[nodiscard]] Acceptor& acceptor() { return acceptor_; }
  // Serves the same listening socket from `io` from now on (the API's own thread).
  void move_to(boost::asio::io_context& io);
  // For logs and status lines: the socket's path and where it came from.
  [[nodiscard]] const std::string& description() const { return description_; }

 private:
  struct CreatedFile {
    std::filesystem::path path;
    ino_t inode;
  };

  ApiSocket(Acceptor acceptor, std::optional<CreatedFile> created, std::string description);

  Acceptor acceptor_;
  std::optional<CreatedFile> created_;
  std::string description_;
};

}  // namespace massaged
