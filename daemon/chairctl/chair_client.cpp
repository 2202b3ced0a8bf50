#include "daemon/chairctl/chair_client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace chairctl {

using nlohmann::json;

namespace {

ConnectError connect_error(const std::filesystem::path& socket, int error) {
  const std::string where = socket.string();
  switch (error) {
    case ENOENT:
      return {ConnectError::Kind::not_running,
              "cannot connect to " + where +
                  ": there is no such socket; the daemon is not running (systemctl start "
                  "massaged) or listens elsewhere (--socket PATH)"};
    case ECONNREFUSED:
      return {ConnectError::Kind::not_running,
              "cannot connect to " + where +
                  ": nobody listens on it; the daemon is not running (systemctl start massaged, "
                  "journalctl -u massaged says why it stopped)"};
    case EACCES:
    case EPERM:
      return {ConnectError::Kind::permission_denied,
              "cannot connect to " + where +
                  ": permission denied; your user needs to be in the socket's group (ls -l " +
                  where + "), e.g. one of the groups in [api.roles] of the daemon's configuration"};
    default:
      return {ConnectError::Kind::other,
              "cannot connect to " + where + ": " + std::strerror(error)};
  }
}

}  // namespace

json RemoteError::to_json() const {
  json error{{"code", code_}, {"message", what()}};
  if (!data_.is_null()) error["data"] = data_;
  return error;
}

ChairClient::ChairClient(const std::filesystem::path& socket) : socket_(socket) {
  sockaddr_un address{};
  if (socket.native().size() >= sizeof(address.sun_path)) {
    throw ConnectError(ConnectError::Kind::other,
                       "the socket path " + socket.string() + " is too long for a Unix socket");
  }
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket.c_str(), sizeof(address.sun_path) - 1);
  fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw connect_error(socket, errno);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    throw connect_error(socket, error);
  }
}

ChairClient::ChairClient(ChairClient&& other) noexcept
    : socket_(std::move(other.socket_)),
      fd_(std::exchange(other.fd_, -1)),
      buffered_(std::move(other.buffered_)),
      notifications_(std::move(other.notifications_)),
      next_id_(other.next_id_) {}

ChairClient::~ChairClient() {
  if (fd_ >= 0) ::close(fd_);
}

void ChairClient::send_line(const std::string& line) {
  const std::string text = line + "\n";
  std::size_t sent = 0;
  while (sent < text.size()) {
    const auto n = ::send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      throw TransportError("the daemon closed the connection (" + socket_.string() +
                           "); it may be stopping or have refused this client");
    }
    sent += static_cast<std::size_t>(n);
  }
}

std::optional<json> ChairClient::read_message(std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    const auto newline = buffered_.find('\n');
    if (newline != std::string::npos) {
      const std::string line = buffered_.substr(0, newline);
      buffered_.erase(0, newline + 1);
      try {
        return json::parse(line);
      } catch (const json::parse_error&) {
        throw TransportError("the daemon sent a line that is not JSON: " + line.substr(0, 80));
      }
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return std::nullopt;
    char chunk[8192];
    const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      throw TransportError("the daemon closed the connection (" + socket_.string() +
                           "); it may be stopping, or dropped this client");
    }
    buffered_.append(chunk, static_cast<std::size_t>(n));
  }
}

json ChairClient::call(const std::string& method, const json& params,
                       std::chrono::milliseconds timeout) {
  const auto id = next_id_++;
  json request{{"jsonrpc", "2.0"}, {"method", method}, {"id", id}};
  if (!params.is_null()) request["params"] = params;
  send_line(request.dump());
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto message = read_message(deadline);
    if (!message) {
      throw TransportError("the daemon did not answer " + method + " within " +
                           std::to_string(timeout.count() / 1000) + " s");
    }
    if (!message->is_object()) continue;
    if (message->contains("method") && !message->contains("id")) {
      notifications_.push_back(std::move(*message));
      continue;
    }
    // An answer without our id: the daemon's word on the connection itself (too many clients).
    const auto& answer_id = (*message)["id"];
    if (!answer_id.is_null() && answer_id != id) continue;
    if (const auto error = message->find("error"); error != message->end()) {
      throw RemoteError(error->value("code", 0), error->value("message", std::string("error")),
                        error->contains("data") ? (*error)["data"] : json());
    }
    if (answer_id.is_null()) continue;
    return message->value("result", json());
  }
}

std::optional<json> ChairClient::next_notification(std::chrono::milliseconds timeout) {
  if (!notifications_.empty()) {
    auto next = std::move(notifications_.front());
    notifications_.pop_front();
    return next;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto message = read_message(deadline);
    if (!message) return std::nullopt;
    if (message->is_object() && message->contains("method") && !message->contains("id")) {
      return message;
    }
  }
}

}  // namespace chairctl
