#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>

#include "daemon/api/transport/api_limits.hpp"
#include "daemon/api/transport/caller.hpp"
#include "daemon/api/transport/json_rpc_dispatcher.hpp"
#include "daemon/api/transport/line_framer.hpp"
#include "daemon/api/transport/output_drain.hpp"
#include "daemon/api/transport/request_runner.hpp"

// One client on the API socket: newline-delimited JSON-RPC messages in, replies and
// notifications out. It lives on the API's own thread, which only reads, frames lines, answers
// urgent requests (the emergency stop) the moment their line arrives, and writes; the other
// requests go to the main loop's RequestRunner a few at a time, and their replies come back in
// order.
//
// Bad clients cost only themselves: a line longer than the limit gets an error and the
// connection closes; a client that sends faster than the main loop answers stops being read
// (its socket buffer fills, so it waits) once twice the message limit is held; a client that
// does not read what it is sent is dropped once max_queued_bytes pile up, or once its socket has
// taken nothing of what waits for it for send_timeout; one that says nothing for the idle timeout
// is disconnected, unless it waits for notifications.
namespace massaged {

// What every connection of a server shares. Lives as long as the server.
struct ConnectionContext {
  const JsonRpcDispatcher* rpc = nullptr;
  ApiLimits limits;
  boost::asio::any_io_executor main_loop;
  std::shared_ptr<RequestRunner> runner;  // used on the main loop only
};

class ApiConnection : public std::enable_shared_from_this<ApiConnection> {
 public:
  using Socket = boost::asio::local::stream_protocol::socket;

  // A client of the server, or one refused because max_clients are connected: that one is told
  // so and may still send one emergency stop within its grace (ApiLimits), then it is closed.
  enum class Admission { served, refused };

  // `on_closed` runs once, on the API's thread, when the connection has closed for any reason.
  ApiConnection(Socket socket, std::uint64_t number, PeerCredentials credentials, ApiRole role,
                const ConnectionContext& context, std::function<void(ApiConnection&)> on_closed);

  // API thread from here on.
  void start(Admission admission, std::string greeting = {});
  // Queues one message (one line of JSON, without its newline) for the client.
  void send(std::string line);
  void close();

  [[nodiscard]] std::uint64_t number() const { return number_; }
  [[nodiscard]] const Caller& caller() const { return *caller_; }

 private:
  class Sink;

  void read_next();
  void on_read(const boost::system::error_code& error, std::size_t bytes);
  void frame_lines(std::string_view bytes);
  void refuse_long_line();
  void take_line(std::string_view line);
  void take_line_refused(std::string_view line);
  void pump();
  void finished_turn(std::size_t bytes);
  void write_next();
  void wrote(std::size_t bytes);
  void watch_output();
  void drop_for_not_reading();
  void close_when_sent();
  void finish_if_done();
  void restart_idle_timer();
  [[nodiscard]] std::size_t hold_limit() const { return 2 * context_.limits.max_message_bytes; }

  Socket socket_;
  std::uint64_t number_;
  const ConnectionContext& context_;
  std::function<void(ApiConnection&)> on_closed_;
  std::shared_ptr<const Caller> caller_;
  Admission admission_ = Admission::served;
  boost::asio::steady_timer idle_timer_;

  std::array<char, 16384> chunk_{};
  LineFramer framer_;
  bool reading_ = false;
  bool peer_done_ = false;  // the client shut its side: answer what came, then close

  std::deque<IncomingMessage> held_;  // waiting for their turn on the main loop
  std::size_t held_bytes_ = 0;
  bool turn_running_ = false;

  std::deque<std::string> outbox_;
  std::size_t queued_bytes_ = 0;
  std::size_t front_written_ = 0;  // bytes of outbox_.front() the socket has taken
  bool writing_ = false;
  OutputDrain drain_;
  boost::asio::steady_timer send_timer_;
  bool send_timer_armed_ = false;
  bool close_when_sent_ = false;
  bool closed_ = false;

  // Shared with the main loop through the Sink.
  std::atomic<bool> open_{true};
  std::atomic<int> subscriptions_{0};
};

}  // namespace massaged
