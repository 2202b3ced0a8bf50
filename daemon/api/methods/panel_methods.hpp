#pragma once

#include "daemon/api/panel_guard.hpp"
#include "daemon/api/transport/json_rpc_dispatcher.hpp"

// The control panel's own:
//   panel.heartbeat  panel  the panel is there; with [api] panel_timeout_ms set, its silence
//                           during a session, or its connection closing, stops the chair
namespace massaged {

// `guard` must outlive the dispatcher's use.
void add_panel_methods(JsonRpcDispatcher& rpc, PanelGuard& guard);

}  // namespace massaged
