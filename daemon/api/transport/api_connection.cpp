#include "daemon/api/transport/api_connection.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

namespace massaged {

// The client's way back from the main loop: posts to the API's thread.
class ApiConnection::Sink final : public NotificationSink {
 public:
  explicit Sink(const std::shared_ptr<ApiConnection>& connection)
      : connection_(connection), executor_(connection->socket_.get_executor()) {}

  bool send(std::string line) override {
    const auto connection = connection_.lock();
    if (!connection || !connection->open_.load()) return false;
    boost::asio::post(executor_, [connection, line = std::move(line)]() mutable {
      connection->send(std::move(line));
    });
    return true;
  }
  [[nodiscard]] bool open() const override {
    const auto connection = connection_.lock();
    return connection && connection->open_.load();
  }
  void count_subscriptions(int change) override {
    if (const auto connection = connection_.lock()) connection->subscriptions_ += change;
  }

 private:
  std::weak_ptr<ApiConnection> connection_;
  boost::asio::any_io_executor executor_;
};

ApiConnection::ApiConnection(Socket socket, std::uint64_t number, PeerCredentials credentials,
                             ApiRole role, const ConnectionContext& context,
                             std::function<void(ApiConnection&)> on_closed)
    : socket_(std::move(socket)),
      number_(number),
      context_(context),
      on_closed_(std::move(on_closed)),
      idle_timer_(socket_.get_executor()),
      framer_(context.limits.max_message_bytes),
      drain_(context.limits.send_timeout),
      send_timer_(socket_.get_executor()) {
  auto caller = std::make_shared<Caller>();
  caller->credentials = std::move(credentials);
  caller->role = role;
  caller->connection = number;
  caller_ = std::move(caller);
}

void ApiConnection::start(Admission admission, std::string greeting) {
  admission_ = admission;
  if (admission == Admission::served) {
    auto caller = std::make_shared<Caller>(*caller_);
    caller->notifications = std::make_shared<Sink>(shared_from_this());
    caller_ = std::move(caller);
  }
  if (!greeting.empty()) send(std::move(greeting));
  restart_idle_timer();
  read_next();
}

void ApiConnection::close() {
  if (closed_) return;
  closed_ = true;
  open_ = false;
  boost::system::error_code ignored;
  socket_.shutdown(Socket::shutdown_both, ignored);
  socket_.close(ignored);
  idle_timer_.cancel();
  send_timer_.cancel();
  outbox_.clear();
  held_.clear();
  if (on_closed_) on_closed_(*this);
}

void ApiConnection::read_next() {
  if (reading_ || closed_ || peer_done_ || close_when_sent_) return;
  if (held_bytes_ >= hold_limit()) return;  // resumed once the main loop has caught up
  reading_ = true;
  socket_.async_read_some(
      boost::asio::buffer(chunk_),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t bytes) {
        self->reading_ = false;
        self->on_read(error, bytes);
      });
}

void ApiConnection::on_read(const boost::system::error_code& error, std::size_t bytes) {
  if (closed_) return;
  if (error == boost::asio::error::eof) {
    // The client is done sending; what it sent last, even without a newline, is a message.
    peer_done_ = true;
    framer_.finish([this](std::string_view line) {
      take_line(line);
      return true;
    });
    pump();
    finish_if_done();
    return;
  }
  if (error) {
    if (error != boost::asio::error::operation_aborted) {
      spdlog::debug("API client {}: {}", number_, error.message());
    }
    close();
    return;
  }
  restart_idle_timer();
  frame_lines(std::string_view(chunk_.data(), bytes));
  pump();
  read_next();
}

void ApiConnection::frame_lines(std::string_view bytes) {
  if (closed_ || close_when_sent_) return;
  const auto outcome = framer_.feed(bytes, [this](std::string_view line) {
    take_line(line);
    return !closed_ && !close_when_sent_;
  });
  if (outcome == LineFramer::Outcome::too_long) refuse_long_line();
}

void ApiConnection::refuse_long_line() {
  const auto limit = context_.limits.max_message_bytes;
  spdlog::warn("{} sent a line longer than {} bytes; closing the connection", caller_->describe(),
               limit);
  send(json_rpc_text(json_rpc_error_response(nullptr, JsonRpcErrorCode::message_too_long,
                                             "the message is longer than api.max_message_bytes (" +
                                                 std::to_string(limit) +
                                                 " bytes); the connection is closed",
                                             nlohmann::json{{"max_message_bytes", limit}})));
  close_when_sent();
}

void ApiConnection::take_line(std::string_view line) {
  if (admission_ == Admission::refused) {
    take_line_refused(line);
    return;
  }
  auto urgent = context_.rpc->take_urgent(line, *caller_);
  if (urgent && !urgent->rest) {
    // Answered here and now, ahead of everything the client sent before.
    if (auto text = urgent->answered.text()) send(std::move(*text));
    return;
  }
  held_bytes_ += line.size();
  if (urgent) {
    held_.push_back(IncomingMessage{std::string(), std::move(urgent), line.size()});
  } else {
    held_.push_back(IncomingMessage{std::string(line), std::nullopt, line.size()});
  }
}

void ApiConnection::take_line_refused(std::string_view line) {
  if (auto urgent = context_.rpc->take_urgent(line, *caller_)) {
    if (auto text = urgent->answered.text()) send(std::move(*text));
  }
  close_when_sent();
}

void ApiConnection::pump() {
  if (turn_running_ || held_.empty() || closed_) return;
  std::vector<IncomingMessage> turn;
  std::size_t bytes = 0;
  while (!held_.empty() && turn.size() < kRequestsPerTurn) {
    bytes += held_.front().size;
    turn.push_back(std::move(held_.front()));
    held_.pop_front();
  }
  turn_running_ = true;
  // The main loop sends replies back here by posting; a connection closed meanwhile ignores
  // them.
  const auto executor = socket_.get_executor();
  const std::weak_ptr<ApiConnection> self = weak_from_this();
  boost::asio::post(context_.main_loop, [runner = context_.runner, caller = caller_, self, executor,
                                         turn = std::move(turn), bytes]() mutable {
    runner->run(
        caller, std::move(turn),
        [self, executor](std::string line) {
          boost::asio::post(executor, [self, line = std::move(line)]() mutable {
            if (const auto connection = self.lock()) connection->send(std::move(line));
          });
        },
        [self, executor, bytes] {
          boost::asio::post(executor, [self, bytes] {
            if (const auto connection = self.lock()) connection->finished_turn(bytes);
          });
        });
  });
}

void ApiConnection::finished_turn(std::size_t bytes) {
  turn_running_ = false;
  held_bytes_ = bytes > held_bytes_ ? 0 : held_bytes_ - bytes;
  if (closed_) return;
  pump();
  read_next();
  finish_if_done();
}

void ApiConnection::send(std::string line) {
  if (closed_) return;
  if (!outbox_.empty() && queued_bytes_ + line.size() > context_.limits.max_queued_bytes) {
    spdlog::warn(
        "{} does not read what the daemon sends: {} bytes wait for it, api limit {}; dropping "
        "the client",
        caller_->describe(), queued_bytes_, context_.limits.max_queued_bytes);
    close();
    return;
  }
  line += '\n';
  queued_bytes_ += line.size();
  outbox_.push_back(std::move(line));
  drain_.waiting(OutputDrain::Clock::now());
  watch_output();
  write_next();
}

// One write at a time, of what the socket takes now: each byte it takes is progress, however
// little, so a slow reader is told apart from one that reads nothing.
void ApiConnection::write_next() {
  if (writing_ || outbox_.empty() || closed_) return;
  writing_ = true;
  const auto& front = outbox_.front();
  socket_.async_write_some(
      boost::asio::buffer(front.data() + front_written_, front.size() - front_written_),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t bytes) {
        self->writing_ = false;
        if (self->closed_) return;
        if (error) {
          self->close();
          return;
        }
        self->wrote(bytes);
      });
}

void ApiConnection::wrote(std::size_t bytes) {
  queued_bytes_ -= bytes;
  front_written_ += bytes;
  if (front_written_ == outbox_.front().size()) {
    outbox_.pop_front();
    front_written_ = 0;
  }
  if (outbox_.empty()) {
    drain_.drained();
  } else {
    drain_.took(OutputDrain::Clock::now());
  }
  restart_idle_timer();
  write_next();
  finish_if_done();
}

// One timer per connection while output waits, woken at the drain's deadline; progress in the
// meantime only moves the deadline, which the timer finds when it wakes.
void ApiConnection::watch_output() {
  if (send_timer_armed_ || closed_) return;
  const auto deadline = drain_.deadline();
  if (!deadline) return;
  send_timer_armed_ = true;
  send_timer_.expires_at(*deadline);
  send_timer_.async_wait([self = weak_from_this()](const boost::system::error_code& error) {
    const auto connection = self.lock();
    if (!connection) return;
    connection->send_timer_armed_ = false;
    if (error || connection->closed_) return;
    if (connection->drain_.stalled(OutputDrain::Clock::now())) {
      connection->drop_for_not_reading();
      return;
    }
    connection->watch_output();
  });
}

void ApiConnection::drop_for_not_reading() {
  spdlog::warn(
      "{} does not read what the daemon sends: its socket has taken none of the {} bytes waiting "
      "for it in {} ms (api.send_timeout); dropping the client",
      caller_->describe(), queued_bytes_, drain_.send_timeout().count());
  close();
}

void ApiConnection::close_when_sent() {
  close_when_sent_ = true;
  finish_if_done();
}

void ApiConnection::finish_if_done() {
  if (closed_ || writing_ || !outbox_.empty()) return;
  if (close_when_sent_) {
    close();
    return;
  }
  if (peer_done_ && !turn_running_ && held_.empty()) close();
}

void ApiConnection::restart_idle_timer() {
  const auto timeout = admission_ == Admission::refused
                           ? std::min(context_.limits.idle_timeout, context_.limits.refused_grace)
                           : context_.limits.idle_timeout;
  idle_timer_.expires_after(timeout);
  idle_timer_.async_wait([self = weak_from_this()](const boost::system::error_code& error) {
    const auto connection = self.lock();
    if (error || !connection || connection->closed_) return;
    if (connection->subscriptions_.load() > 0) {
      connection->restart_idle_timer();  // waiting for notifications is not idleness
      return;
    }
    if (connection->admission_ == Admission::served) {
      spdlog::debug("API client {} idle for {} ms; closing the connection", connection->number_,
                    connection->context_.limits.idle_timeout.count());
    }
    connection->close();
  });
}

}  // namespace massaged
