#pragma once

#include <chrono>
#include <deque>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

// chairctl's side of the API: one connection to the daemon's socket, JSON-RPC 2.0 calls
// answered in order, and the notifications of subscriptions that arrive between them.
// Blocking, with a bound on every wait.
namespace chairctl {

// The daemon could not be reached; what() says why and what to do.
class ConnectError : public std::runtime_error {
 public:
  enum class Kind { not_running, permission_denied, other };
  ConnectError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  [[nodiscard]] Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// The connection broke, or an answer did not come in time.
class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The daemon answered with a JSON-RPC error.
class RemoteError : public std::runtime_error {
 public:
  RemoteError(int code, const std::string& message, nlohmann::json data)
      : std::runtime_error(message), code_(code), data_(std::move(data)) {}
  [[nodiscard]] int code() const { return code_; }
  [[nodiscard]] const nlohmann::json& data() const { return data_; }
  // The error object as the daemon sent it.
  [[nodiscard]] nlohmann::json to_json() const;

 private:
  int code_;
  nlohmann::json data_;
};

class ChairClient {
 public:
  // Throws ConnectError.
  explicit ChairClient(const std::filesystem::path& socket);
  ChairClient(ChairClient&& other) noexcept;
  ChairClient& operator=(ChairClient&&) = delete;
  ChairClient(const ChairClient&) = delete;
  ChairClient& operator=(const ChairClient&) = delete;
  ~ChairClient();

  // Calls a method and returns its result. Throws RemoteError for an error answer and
  // TransportError when no answer comes within `timeout`.
  nlohmann::json call(const std::string& method, const nlohmann::json& params = nullptr,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The next notification (its "params" with its "method"), or nothing within `timeout`.
  // Throws TransportError once the daemon has closed the connection.
  std::optional<nlohmann::json> next_notification(std::chrono::milliseconds timeout);

  [[nodiscard]] const std::filesystem::path& socket() const { return socket_; }

 private:
  // The next message the daemon sent, or nothing within the deadline.
  std::optional<nlohmann::json> read_message(std::chrono::steady_clock::time_point deadline);
  void send_line(const std::string& line);

  std::filesystem::path socket_;
  int fd_ = -1;
  std::string buffered_;
  std::deque<nlohmann::json> notifications_;
  long long next_id_ = 1;
};

}  // namespace chairctl
