#pragma once

#include "daemon/api/json_rpc_dispatcher.hpp"
#include "daemon/api/topic_board.hpp"

// topics.list, topics.subscribe and topics.unsubscribe (panel; each topic names its own role)
// over the board; notifications arrive as "topics.update". The board must outlive the
// dispatcher's use.
namespace massaged {

void add_topic_methods(JsonRpcDispatcher& rpc, TopicBoard& board);

}  // namespace massaged
