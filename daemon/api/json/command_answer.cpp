#include "daemon/api/json/command_answer.hpp"

#include <memory>

#include "daemon/api/transport/json_rpc_error.hpp"

namespace massaged {

using nlohmann::json;

json command_result(const control::CommandReply& reply, const control::ChairStatus& status) {
  if (!reply.accepted) {
    throw JsonRpcError(
        JsonRpcErrorCode::refused, reply.message,
        json{{"state", control::to_string(status.state)}, {"reason", reply.message}});
  }
  return json{{"message", reply.message}};
}

LaterAnswer command_answer(std::future<control::CommandReply> reply,
                           const control::ChairCommands& controller, std::string waiting_for,
                           std::chrono::milliseconds patience) {
  // std::function needs a copyable callable; the future is shared by the copies.
  auto shared = std::make_shared<std::future<control::CommandReply>>(std::move(reply));
  return LaterAnswer(
      [shared, &controller]() -> std::optional<json> {
        if (shared->wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
          return std::nullopt;
        }
        return command_result(shared->get(), controller.status());
      },
      patience, std::move(waiting_for));
}

}  // namespace massaged
