#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/api/json_rpc_error.hpp"

// JSON-RPC 2.0 over the API socket, exactly as the specification says: requests, notifications
// (answered by nothing), batches, and the standard errors. Each API subsystem registers its
// methods here; the transport hands over one message and sends back what comes out.
namespace massaged {

class JsonRpcDispatcher {
 public:
  // Deeper messages are refused as invalid requests; a real request needs a handful of levels.
  static constexpr int kMaxNesting = 32;

  // Receives the request's params (an object or array; null when absent) and returns the
  // result. Throws JsonRpcError to answer with an error; any other exception becomes an
  // internal error, logged, and the daemon carries on.
  using Handler = std::function<nlohmann::json(const nlohmann::json& params)>;

  // Throws std::logic_error when `method` is already registered.
  void add_method(std::string method, Handler handler);

  // Answers one message (a request, a notification or a batch): the reply to send, without
  // its newline, or nothing when no reply is due.
  [[nodiscard]] std::optional<std::string> answer(std::string_view message) const;

  [[nodiscard]] std::vector<std::string> methods() const;

 private:
  [[nodiscard]] std::optional<nlohmann::json> answer_one(const nlohmann::json& request) const;
  [[nodiscard]] nlohmann::json call(const std::string& method, const nlohmann::json& params) const;

  std::map<std::string, Handler, std::less<>> handlers_;
};

// For methods without parameters: throws invalid params unless `params` is absent or empty.
void expect_no_params(std::string_view method, const nlohmann::json& params);

}  // namespace massaged
