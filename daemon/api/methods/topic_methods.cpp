#include "daemon/api/methods/topic_methods.hpp"

#include "daemon/api/transport/method_params.hpp"

namespace massaged {

using nlohmann::json;

void add_topic_methods(JsonRpcDispatcher& rpc, TopicBoard& board) {
  rpc.add_method("topics.list", ApiRole::panel, [&board](const json& params, const Caller&) {
    const MethodParams p("topics.list", params, {});
    return json{{"topics", board.describe()}};
  });
  rpc.add_method("topics.subscribe", ApiRole::panel,
                 [&board](const json& params, const Caller& caller) {
                   return board.subscribe(params, caller);
                 });
  rpc.add_method("topics.unsubscribe", ApiRole::panel,
                 [&board](const json& params, const Caller& caller) {
                   return board.unsubscribe(params, caller);
                 });
}

}  // namespace massaged
