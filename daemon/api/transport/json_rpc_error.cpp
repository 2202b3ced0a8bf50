#include "daemon/api/transport/json_rpc_error.hpp"

namespace massaged {

nlohmann::json json_rpc_error_response(const nlohmann::json& id, JsonRpcErrorCode code,
                                       const std::string& message, const nlohmann::json& data) {
  nlohmann::json error = {{"code", static_cast<int>(code)}, {"message", message}};
  if (!data.is_null()) error["data"] = data;
  return {{"jsonrpc", "2.0"}, {"error", std::move(error)}, {"id", id}};
}

std::string json_rpc_text(const nlohmann::json& message) {
  return message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace massaged
