#include "sim/server/control_socket.hpp"

#include <sys/stat.h>

#include <memory>
#include <stdexcept>
#include <string>

#include <spdlog/spdlog.h>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

namespace sim {
namespace {

namespace asio = boost::asio;
using local = asio::local::stream_protocol;
namespace fs = std::filesystem;

constexpr std::size_t kMaxLine = 64 * 1024;

nlohmann::json refusal(const std::string& error) { return {{"ok", false}, {"error", error}}; }

// A socket file nobody listens on any more is left over from a simulator that was killed.
void remove_stale_socket(const fs::path& path) {
  std::error_code error;
  const auto status = fs::symlink_status(path, error);
  if (!fs::exists(status)) return;
  if (!fs::is_socket(status)) {
    throw std::runtime_error("cannot create the control socket " + path.string() +
                             ": a file that is not a socket is in the way; remove it or choose "
                             "another path");
  }
  asio::io_context io;
  local::socket probe(io);
  boost::system::error_code refused;
  probe.connect(local::endpoint(path.string()), refused);
  if (!refused) {
    throw std::runtime_error("cannot create the control socket " + path.string() +
                             ": another simulator is listening there; stop it or choose another "
                             "path");
  }
  fs::remove(path, error);
}

// One client: read a line, answer it, read the next.
class ControlConnection : public std::enable_shared_from_this<ControlConnection> {
 public:
  ControlConnection(local::socket socket, const ControlSocket::Handler& handler)
      : socket_(std::move(socket)), input_(kMaxLine), handler_(&handler) {}

  void read_line() {
    asio::async_read_until(
        socket_, input_, '\n',
        [self = shared_from_this()](boost::system::error_code error, std::size_t length) {
          self->on_line(error, length);
        });
  }

 private:
  void on_line(const boost::system::error_code& error, std::size_t length) {
    if (error == asio::error::not_found) {
      // Longer than any command can be: this client does not speak the protocol.
      spdlog::warn("control socket: a line longer than {} bytes; closing that connection",
                   kMaxLine);
      reply_and_close(refusal("line longer than " + std::to_string(kMaxLine) + " bytes"));
      return;
    }
    if (error) return;  // the client went away
    std::string line(asio::buffers_begin(input_.data()),
                     asio::buffers_begin(input_.data()) + static_cast<std::ptrdiff_t>(length));
    input_.consume(length);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) return read_line();
    output_ = answer_control_line(line, *handler_).dump() + "\n";
    asio::async_write(
        socket_, asio::buffer(output_),
        [self = shared_from_this()](boost::system::error_code write_error, std::size_t) {
          if (!write_error) self->read_line();
        });
  }

  void reply_and_close(const nlohmann::json& reply) {
    output_ = reply.dump() + "\n";
    asio::async_write(socket_, asio::buffer(output_),
                      [self = shared_from_this()](boost::system::error_code, std::size_t) {
                        boost::system::error_code ignored;
                        self->socket_.close(ignored);
                      });
  }

  local::socket socket_;
  asio::streambuf input_;
  std::string output_;
  const ControlSocket::Handler* handler_;
};

}  // namespace

nlohmann::json answer_control_line(const std::string& line, const ControlSocket::Handler& handler) {
  nlohmann::json request;
  try {
    request = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& error) {
    return refusal(std::string("not JSON: ") + error.what());
  }
  if (!request.is_object())
    return refusal("a request is a JSON object, such as {\"cmd\":\"state\"}");
  const auto cmd = request.find("cmd");
  if (cmd == request.end() || !cmd->is_string()) {
    return refusal("the request has no \"cmd\" string, such as {\"cmd\":\"state\"}");
  }
  try {
    return handler(request);
  } catch (const std::exception& error) {
    return refusal(error.what());
  }
}

ControlSocket::ControlSocket(fs::path path, Handler handler)
    : path_(std::move(path)), handler_(std::move(handler)), acceptor_(io_) {
  remove_stale_socket(path_);
  boost::system::error_code error;
  acceptor_.open(local(), error);
  if (!error) acceptor_.bind(local::endpoint(path_.string()), error);
  if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    throw std::runtime_error("cannot create the control socket " + path_.string() + ": " +
                             error.message() +
                             "; check that the directory exists and is writable and the path "
                             "is shorter than 108 bytes");
  }
  // Only the simulator's user may change the simulated world.
  ::chmod(path_.c_str(), S_IRUSR | S_IWUSR);
  accept_next();
  thread_ = std::thread([this] { io_.run(); });
}

ControlSocket::~ControlSocket() {
  io_.stop();
  thread_.join();
  std::error_code ignored;
  fs::remove(path_, ignored);
}

void ControlSocket::accept_next() {
  acceptor_.async_accept([this](boost::system::error_code error, local::socket socket) {
    if (error == asio::error::operation_aborted) return;
    if (error) {
      spdlog::warn("control socket: accepting a client failed: {}", error.message());
    } else {
      std::make_shared<ControlConnection>(std::move(socket), handler_)->read_line();
    }
    accept_next();
  });
}

}  // namespace sim
