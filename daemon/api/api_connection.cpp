#include "daemon/api/api_connection.hpp"

#include <string_view>

#include <spdlog/spdlog.h>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

namespace massaged {

ApiConnection::ApiConnection(Socket socket, std::uint64_t number, const JsonRpcDispatcher& rpc,
                             const ApiLimits& limits, std::function<void(ApiConnection&)> on_closed)
    : socket_(std::move(socket)),
      number_(number),
      rpc_(rpc),
      limits_(limits),
      on_closed_(std::move(on_closed)),
      idle_timer_(socket_.get_executor()) {}

void ApiConnection::start() {
  restart_idle_timer();
  read_next();
}

void ApiConnection::refuse(std::string reply) {
  restart_idle_timer();
  send(std::move(reply), true);
}

void ApiConnection::close() {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ignored;
  socket_.shutdown(Socket::shutdown_both, ignored);
  socket_.close(ignored);
  idle_timer_.cancel();
  if (on_closed_) on_closed_(*this);
}

void ApiConnection::read_next() {
  // One read may bring several lines: work through them in a loop (not by recursion, which a
  // flood of blank lines or notifications would turn into a stack overflow), and drop the
  // consumed bytes once rather than line by line.
  for (;;) {
    const auto newline = inbox_.find('\n', consumed_);
    if (newline == std::string::npos) break;
    std::string_view line(inbox_.data() + consumed_, newline - consumed_);
    consumed_ = newline + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // Blank lines keep a hand-typed session (socat) readable; they are not messages.
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (auto reply = rpc_.answer(line)) {
      send(std::move(*reply), false);  // reading resumes once the reply is out
      return;
    }
  }
  inbox_.erase(0, consumed_);
  consumed_ = 0;
  // One byte more than a line may hold, for its newline: a full buffer without one is too long.
  boost::asio::async_read_until(
      socket_, boost::asio::dynamic_buffer(inbox_, limits_.max_message_bytes + 1), '\n',
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t) {
        self->on_read(error);
      });
}

void ApiConnection::on_read(const boost::system::error_code& error) {
  if (closed_) return;
  if (error == boost::asio::error::not_found) {
    spdlog::warn("API client {} sent a line longer than {} bytes; closing the connection", number_,
                 limits_.max_message_bytes);
    send(json_rpc_text(json_rpc_error_response(
             nullptr, JsonRpcErrorCode::invalid_request,
             "Invalid Request: the message is longer than api.max_message_bytes (" +
                 std::to_string(limits_.max_message_bytes) + " bytes); the connection is closed")),
         true);
    return;
  }
  if (error) {
    if (error != boost::asio::error::eof && error != boost::asio::error::operation_aborted) {
      spdlog::debug("API client {}: {}", number_, error.message());
    }
    close();
    return;
  }
  restart_idle_timer();
  read_next();
}

void ApiConnection::send(std::string line, bool close_after) {
  outbox_ = std::move(line);
  outbox_ += '\n';
  boost::asio::async_write(socket_, boost::asio::buffer(outbox_),
                           [self = shared_from_this(), close_after](
                               const boost::system::error_code& error, std::size_t) {
                             if (self->closed_) return;
                             if (error || close_after) {
                               self->close();
                               return;
                             }
                             self->restart_idle_timer();
                             self->read_next();
                           });
}

void ApiConnection::restart_idle_timer() {
  idle_timer_.expires_after(limits_.idle_timeout);
  idle_timer_.async_wait([self = weak_from_this()](const boost::system::error_code& error) {
    const auto connection = self.lock();
    if (error || !connection || connection->closed_) return;
    spdlog::debug(
        "API client {} idle for {} s; closing the connection", connection->number_,
        std::chrono::duration_cast<std::chrono::seconds>(connection->limits_.idle_timeout).count());
    connection->close();
  });
}

}  // namespace massaged
