#include "daemon/api/transport/api_server.hpp"

#include <pthread.h>
#include <signal.h>

#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

namespace massaged {

ApiServer::ApiServer(ApiSocket socket, const JsonRpcDispatcher& rpc, ApiLimits limits,
                     RolePolicy roles)
    : socket_(std::move(socket)), roles_(std::move(roles)) {
  context_.rpc = &rpc;
  context_.limits = limits;
  // Methods run where the socket was made: the daemon's main loop.
  context_.main_loop = socket_.acceptor().get_executor();
  context_.runner = std::make_shared<RequestRunner>(context_.main_loop, rpc);
  socket_.move_to(io_);
}

ApiServer::~ApiServer() { stop(); }

void ApiServer::start() {
  if (thread_.joinable()) return;
  accepting_ = true;
  accept_next();
  // The server's thread takes no signals (it inherits this mask): they belong to the main loop
  // and to the chair's own signal thread, whichever starts first.
  sigset_t all;
  sigset_t previous;
  ::sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &previous);
  thread_ = std::thread([this] {
    for (;;) {
      try {
        io_.run();
        return;
      } catch (const std::exception& e) {
        // A fault in the server's own code: the clients of that moment may lose their
        // connection, the server goes on.
        spdlog::critical("internal error on the API thread: {}", e.what());
      }
    }
  });
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

void ApiServer::stop() {
  context_.runner->stop();
  if (!thread_.joinable()) return;
  boost::asio::post(io_, [this] { close_everything(); });
  thread_.join();  // returns once nothing is left to do on the thread
}

void ApiServer::close_everything() {
  accepting_ = false;
  boost::system::error_code ignored;
  socket_.acceptor().close(ignored);
  // close() removes a connection from its map, so walk a copy.
  std::vector<std::shared_ptr<ApiConnection>> open;
  for (const auto& [number, connection] : connections_) open.push_back(connection);
  for (const auto& [number, connection] : refused_) open.push_back(connection);
  for (const auto& connection : open) connection->close();
}

void ApiServer::accept_next() {
  socket_.acceptor().async_accept(
      [this](const boost::system::error_code& error, ApiConnection::Socket client) {
        // An aborted accept may arrive after the server stopped: look at nothing else first.
        if (error == boost::asio::error::operation_aborted || !accepting_) return;
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
  auto credentials = peer_credentials(client.native_handle());
  PeerCredentials peer;
  ApiRole role = ApiRole::anyone;
  if (credentials) {
    peer = credentials.value();
    role = roles_.role_of(peer);
  } else {
    // Nothing vouches for this client: it may still stop the chair, nothing else.
    spdlog::warn("API client {}: {}; it gets no role", number, credentials.error());
  }
  const auto max_clients = static_cast<std::size_t>(context_.limits.max_clients);
  if (connections_.size() >= max_clients) {
    spdlog::warn("API client {} ({}) refused: {} clients connected, api.max_clients = {}", number,
                 peer.describe(), connections_.size(), max_clients);
    const std::string reply = json_rpc_text(json_rpc_error_response(
        nullptr, JsonRpcErrorCode::too_many_clients,
        "too many clients: " + std::to_string(connections_.size()) +
            " connected, api.max_clients = " + std::to_string(max_clients) +
            "; try again later (an emergency stop sent now is still carried out)",
        nlohmann::json{{"connected", connections_.size()}, {"max_clients", max_clients}}));
    // Refused clients are held for a moment only, and only as many as may be served.
    if (refused_.size() >= max_clients) {
      boost::system::error_code ignored;
      client.write_some(boost::asio::buffer(reply + "\n"), ignored);
      return;
    }
    auto refused = std::make_shared<ApiConnection>(
        std::move(client), number, std::move(peer), role, context_,
        [this](ApiConnection& closed) { refused_.erase(closed.number()); });
    refused_.emplace(number, refused);
    refused->start(ApiConnection::Admission::refused, reply);
    return;
  }
  auto connection = std::make_shared<ApiConnection>(
      std::move(client), number, peer, role, context_, [this](ApiConnection& closed) {
        connections_.erase(closed.number());
        client_count_ = connections_.size();
        spdlog::debug("API client {} left; {} connected", closed.number(), connections_.size());
      });
  connections_.emplace(number, connection);
  client_count_ = connections_.size();
  spdlog::debug("API client {} connected ({}, role {}); {} connected", number, peer.describe(),
                to_string(role), connections_.size());
  connection->start(ApiConnection::Admission::served);
}

}  // namespace massaged
