#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

// JSON-RPC 2.0 error codes, and the exception a method handler throws to answer with one.
namespace massaged {

enum class JsonRpcErrorCode : int {
  parse_error = -32700,
  invalid_request = -32600,
  method_not_found = -32601,
  invalid_params = -32602,
  internal_error = -32603,
  // -32000..-32099 are the daemon's own; each comes with "data" saying why (docs/api.md).
  too_many_clients = -32000,        // the server has api.max_clients clients already
  forbidden = -32001,               // the method needs a role the client does not have
  refused = -32002,                 // the chair cannot do that in its present state
  not_found = -32003,               // no program or subscription by that id
  invalid_program = -32004,         // the program text has errors
  read_only = -32005,               // a shipped program cannot be removed or replaced
  unavailable = -32006,             // what the method needs is not running now
  timeout = -32007,                 // the chair did not answer in time
  storage_failed = -32008,          // the daemon cannot write to its state directory
  message_too_long = -32009,        // a line longer than api.max_message_bytes
  too_many_subscriptions = -32010,  // the client has as many subscriptions as it may
};

class JsonRpcError : public std::runtime_error {
 public:
  JsonRpcError(JsonRpcErrorCode code, const std::string& message,
               nlohmann::json data = nlohmann::json())
      : std::runtime_error(message), code_(code), data_(std::move(data)) {}

  [[nodiscard]] JsonRpcErrorCode code() const { return code_; }
  // Extra detail for the client; null when there is none.
  [[nodiscard]] const nlohmann::json& data() const { return data_; }

 private:
  JsonRpcErrorCode code_;
  nlohmann::json data_;
};

// The error response object for `id` (null when the request's id is unknown).
nlohmann::json json_rpc_error_response(const nlohmann::json& id, JsonRpcErrorCode code,
                                       const std::string& message,
                                       const nlohmann::json& data = nlohmann::json());

// A message as compact JSON on one line (without the newline), never throwing on odd strings.
std::string json_rpc_text(const nlohmann::json& message);

}  // namespace massaged
