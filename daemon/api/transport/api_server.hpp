#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "daemon/api/transport/api_connection.hpp"
#include "daemon/api/transport/api_limits.hpp"
#include "daemon/api/transport/api_socket.hpp"
#include "daemon/api/transport/json_rpc_dispatcher.hpp"
#include "daemon/api/transport/request_runner.hpp"
#include "daemon/api/transport/role_policy.hpp"

// The API server: accepts clients on the API socket, up to max_clients at once, and gives each
// an ApiConnection. Sockets are served on a thread of the server's own, so that reading a
// line, and an emergency stop in it, never waits behind the daemon's main loop; methods run on
// the main loop, the io_context the socket was created on. Each client's role comes from its
// credentials when it connects.
namespace massaged {

class ApiServer {
 public:
  ApiServer(ApiSocket socket, const JsonRpcDispatcher& rpc, ApiLimits limits,
            RolePolicy roles = RolePolicy());
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;
  ~ApiServer();

  // Starts the server's thread and accepting.
  void start();
  // From the main loop: stops accepting, closes every connection and the server's thread; no
  // method runs after it returns. The socket's path is removed when the server is destroyed.
  void stop();

  // Any thread.
  [[nodiscard]] std::size_t client_count() const { return client_count_.load(); }
  [[nodiscard]] const std::string& description() const { return socket_.description(); }

 private:
  // The server's thread.
  void accept_next();
  void take(ApiConnection::Socket client);
  void close_everything();

  boost::asio::io_context io_;  // first: outlives every socket below
  ApiSocket socket_;
  ConnectionContext context_;
  RolePolicy roles_;
  std::map<std::uint64_t, std::shared_ptr<ApiConnection>> connections_;
  std::map<std::uint64_t, std::shared_ptr<ApiConnection>> refused_;
  std::uint64_t connections_made_ = 0;
  std::atomic<std::size_t> client_count_{0};
  bool accepting_ = false;
  std::thread thread_;
};

}  // namespace massaged
