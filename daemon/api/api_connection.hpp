#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>

#include "daemon/api/api_limits.hpp"
#include "daemon/api/json_rpc_dispatcher.hpp"

// One client on the API socket: newline-delimited JSON-RPC messages in, replies out. A request
// is answered before the next is read, so a client that sends without reading only stalls
// itself, and then its idle timeout ends it; a line longer than the limit gets an error and the
// connection is closed.
namespace massaged {

class ApiConnection : public std::enable_shared_from_this<ApiConnection> {
 public:
  using Socket = boost::asio::local::stream_protocol::socket;

  // `on_closed` runs once, when the connection has closed for any reason.
  ApiConnection(Socket socket, std::uint64_t number, const JsonRpcDispatcher& rpc,
                const ApiLimits& limits, std::function<void(ApiConnection&)> on_closed);

  void start();
  // Sends `reply` (one JSON-RPC message) and closes: for a client the server cannot take.
  void refuse(std::string reply);
  void close();

  [[nodiscard]] std::uint64_t number() const { return number_; }

 private:
  void read_next();
  void on_read(const boost::system::error_code& error);
  void send(std::string line, bool close_after);
  void restart_idle_timer();

  Socket socket_;
  std::uint64_t number_;
  const JsonRpcDispatcher& rpc_;
  ApiLimits limits_;
  std::function<void(ApiConnection&)> on_closed_;
  boost::asio::steady_timer idle_timer_;
  std::string inbox_;  // bytes read; those before consumed_ are answered
  std::size_t consumed_ = 0;
  std::string outbox_;  // the reply being written
  bool closed_ = false;
};

}  // namespace massaged
