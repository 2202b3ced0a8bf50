#include "sim/server/tcp_server.hpp"

#include <array>
#include <chrono>
#include <stdexcept>

#include <spdlog/spdlog.h>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

namespace sim {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

// MBAP header: transaction id, protocol id (0 = Modbus), length of what follows (unit id and
// PDU), unit id.
constexpr std::size_t kMbapSize = 7;
constexpr std::size_t kMaxPduSize = 253;
constexpr std::chrono::milliseconds kAcceptRetry{100};

tcp::endpoint resolve_listen_address(const std::string& host, std::uint16_t port) {
  asio::io_context io;
  tcp::resolver resolver(io);
  boost::system::error_code error;
  const auto results = resolver.resolve(
      host, std::to_string(port), tcp::resolver::passive | tcp::resolver::numeric_service, error);
  if (error || results.empty()) {
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                             (error ? error.message() : "no address") +
                             "; give a numeric address such as 127.0.0.1 or a known host name");
  }
  return results.begin()->endpoint();
}

// One master's connection: read a request, answer it (perhaps late, broken or not at all, as
// the link faults say), read the next.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, PduResponder& responder, RegisterServer& drives,
             LinkFaultInjector& faults)
      : socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        responder_(&responder),
        drives_(&drives),
        faults_(&faults) {
    boost::system::error_code ignored;
    const auto remote = socket_.remote_endpoint(ignored);
    peer_ = remote.address().to_string() + ":" + std::to_string(remote.port());
  }

  void start() {
    spdlog::info("modbus tcp: master {} connected", peer_);
    read_header();
  }

 private:
  void read_header() {
    asio::async_read(socket_, asio::buffer(header_),
                     [self = shared_from_this()](boost::system::error_code error, std::size_t) {
                       if (error) return self->closed(error);
                       self->check_header();
                     });
  }

  void check_header() {
    const unsigned protocol = (header_[2] << 8U) | header_[3];
    const std::size_t length = (header_[4] << 8U) | header_[5];
    if (protocol != 0 || length < 1 || length > kMaxPduSize + 1) {
      // Nothing after a broken header can be trusted to start a frame: drop the connection.
      spdlog::warn(
          "modbus tcp: master {} sent an MBAP header with protocol id {} and length {} "
          "(must be 0 and 1..254); closing the connection",
          peer_, protocol, length);
      boost::system::error_code ignored;
      socket_.close(ignored);
      return;
    }
    request_.resize(length - 1);
    asio::async_read(socket_, asio::buffer(request_),
                     [self = shared_from_this()](boost::system::error_code error, std::size_t) {
                       if (error) return self->closed(error);
                       self->answer();
                     });
  }

  void answer() {
    const std::uint8_t unit = header_[6];
    if (request_.empty()) {
      spdlog::warn(
          "modbus tcp: master {} sent a frame for unit {} without a function code; "
          "ignored",
          peer_, unit);
      return read_header();
    }
    const AnswerFate fate = faults_->next_answer(unit);
    if (!fate.reaches_drive) return read_header();  // the link is cut
    const Pdu pdu = drives_->has_unit(unit)
                        ? responder_->answer(unit, request_)
                        : exception_pdu(request_[0], ModbusException::gateway_target_failed);
    if (!fate.send) {
      spdlog::debug("modbus tcp: answer to unit {} function {} dropped (link fault)", unit,
                    request_[0]);
      return read_header();
    }
    frame(pdu, fate.corrupt);
    if (fate.delay.count() == 0) return write_answer();
    timer_.expires_after(fate.delay);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code error) {
      if (!error) self->write_answer();
    });
  }

  void frame(const Pdu& pdu, bool corrupt) {
    const std::size_t length = pdu.size() + 1;
    answer_.assign(header_.begin(), header_.end());  // transaction id and unit id as asked
    answer_[4] = static_cast<std::uint8_t>(length >> 8U);
    answer_[5] = static_cast<std::uint8_t>(length & 0xFFU);
    if (corrupt) {
      // A malformed frame of the right length, so the stream stays in step: a protocol id that
      // is not Modbus, which every master must refuse.
      answer_[2] = 0xFF;
      answer_[3] = 0xFF;
    }
    answer_.insert(answer_.end(), pdu.begin(), pdu.end());
  }

  void write_answer() {
    asio::async_write(socket_, asio::buffer(answer_),
                      [self = shared_from_this()](boost::system::error_code error, std::size_t) {
                        if (error) return self->closed(error);
                        self->read_header();
                      });
  }

  void closed(const boost::system::error_code& error) {
    if (error == asio::error::eof || error == asio::error::connection_reset) {
      spdlog::info("modbus tcp: master {} disconnected", peer_);
    } else if (error != asio::error::operation_aborted) {
      spdlog::warn("modbus tcp: connection to master {} failed: {}", peer_, error.message());
    }
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  PduResponder* responder_;
  RegisterServer* drives_;
  LinkFaultInjector* faults_;
  std::string peer_;
  std::array<std::uint8_t, kMbapSize> header_{};
  std::vector<std::uint8_t> request_;
  std::vector<std::uint8_t> answer_;
};

}  // namespace

ModbusTcpServer::ModbusTcpServer(RegisterServer& drives, LinkFaultInjector& faults,
                                 const std::string& host, std::uint16_t port)
    : responder_(drives), faults_(&faults), drives_(&drives), acceptor_(io_), accept_retry_(io_) {
  const auto wanted = resolve_listen_address(host, port);
  boost::system::error_code error;
  acceptor_.open(wanted.protocol(), error);
  if (!error) acceptor_.set_option(tcp::acceptor::reuse_address(true), error);
  if (!error) acceptor_.bind(wanted, error);
  if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                             error.message() + "; choose another port, or port 0 for any free one");
  }
  endpoint_ = acceptor_.local_endpoint();
  accept_next();
  thread_ = std::thread([this] { io_.run(); });
}

ModbusTcpServer::~ModbusTcpServer() {
  io_.stop();
  thread_.join();
}

void ModbusTcpServer::accept_next() {
  acceptor_.async_accept([this](boost::system::error_code error, tcp::socket socket) {
    if (error == asio::error::operation_aborted) return;
    if (error) {
      // Out of file descriptors, usually: try again shortly rather than spin.
      spdlog::warn("modbus tcp: accepting a connection failed: {}; retrying", error.message());
      accept_retry_.expires_after(kAcceptRetry);
      accept_retry_.async_wait([this](boost::system::error_code wait_error) {
        if (!wait_error) accept_next();
      });
      return;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);  // answers are small and wanted at once
    std::make_shared<Connection>(std::move(socket), responder_, *drives_, *faults_)->start();
    accept_next();
  });
}

}  // namespace sim
