#pragma once

#include "daemon/api/topics/topic_board.hpp"
#include "daemon/api/transport/json_rpc_dispatcher.hpp"

// topics.list, topics.subscribe and topics.unsubscribe (panel; each topic names its own role)
// over the board; notifications arrive as "topics.update". The board must outlive the
// dispatcher's use.
namespace massaged {

void add_topic_methods(JsonRpcDispatcher& rpc, TopicBoard& board);

}  // namespace massaged
