#include "daemon/api/api_server.hpp"

#include <vector>

#include <spdlog/spdlog.h>

namespace massaged {

ApiServer::ApiServer(ApiSocket socket, const JsonRpcDispatcher& rpc, ApiLimits limits)
    : socket_(std::move(socket)), rpc_(rpc), limits_(limits) {}

ApiServer::~ApiServer() { stop(); }

void ApiServer::start() { accept_next(); }

void ApiServer::stop() {
  if (stopped_) return;
  stopped_ = true;
  boost::system::error_code ignored;
  socket_.acceptor().close(ignored);
  // close() removes a connection from the map, so walk a copy.
  std::vector<std::shared_ptr<ApiConnection>> open;
  for (const auto& [number, connection] : connections_) open.push_back(connection);
  for (const auto& connection : open) connection->close();
}

void ApiServer::accept_next() {
  socket_.acceptor().async_accept(
      [this](const boost::system::error_code& error, ApiConnection::Socket client) {
        // An aborted accept may arrive after the server is gone: look at nothing else first.
        if (error == boost::asio::error::operation_aborted || stopped_) return;
        if (error) {
          // Out of descriptors or memory: say so and keep serving the clients already there.
          spdlog::error("API socket: cannot accept a client: {}", error.message());
        } else {
          take(std::move(client));
        }
        accept_next();
      });
}

void ApiServer::take(ApiConnection::Socket client) {
  const auto number = ++connections_made_;
  if (connections_.size() >= static_cast<std::size_t>(limits_.max_clients)) {
    spdlog::warn("API client refused: {} clients connected, api.max_clients = {}",
                 connections_.size(), limits_.max_clients);
    // Not counted and not tracked: it closes itself once the reply is out.
    auto refused =
        std::make_shared<ApiConnection>(std::move(client), number, rpc_, limits_, nullptr);
    refused->refuse(json_rpc_text(json_rpc_error_response(
        nullptr, JsonRpcErrorCode::too_many_clients,
        "too many clients: " + std::to_string(connections_.size()) +
            " connected, api.max_clients = " + std::to_string(limits_.max_clients) +
            "; try again later")));
    return;
  }
  auto connection = std::make_shared<ApiConnection>(
      std::move(client), number, rpc_, limits_, [this](ApiConnection& closed) {
        connections_.erase(closed.number());
        spdlog::debug("API client {} left; {} connected", closed.number(), connections_.size());
      });
  connections_.emplace(number, connection);
  spdlog::debug("API client {} connected; {} connected", number, connections_.size());
  connection->start();
}

}  // namespace massaged
