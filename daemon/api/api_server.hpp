#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>

#include "daemon/api/api_connection.hpp"
#include "daemon/api/api_limits.hpp"
#include "daemon/api/api_socket.hpp"
#include "daemon/api/json_rpc_dispatcher.hpp"

// The API server: accepts clients on the API socket, up to max_clients at once, and gives each
// an ApiConnection answering through the dispatcher. Runs on the main loop's io_context.
namespace massaged {

class ApiServer {
 public:
  ApiServer(ApiSocket socket, const JsonRpcDispatcher& rpc, ApiLimits limits);
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;
  ~ApiServer();

  void start();
  // Stops accepting and closes every connection; the socket's path is removed when the server
  // is destroyed.
  void stop();

  [[nodiscard]] std::size_t client_count() const { return connections_.size(); }
  [[nodiscard]] const std::string& description() const { return socket_.description(); }

 private:
  void accept_next();
  void take(ApiConnection::Socket client);

  ApiSocket socket_;
  const JsonRpcDispatcher& rpc_;
  ApiLimits limits_;
  std::map<std::uint64_t, std::shared_ptr<ApiConnection>> connections_;
  std::uint64_t connections_made_ = 0;
  bool stopped_ = false;
};

}  // namespace massaged
