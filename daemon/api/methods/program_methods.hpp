#pragma once

#include "daemon/api/program_catalog.hpp"
#include "daemon/api/transport/json_rpc_dispatcher.hpp"

// programs.list, programs.describe, programs.check (panel) and programs.install,
// programs.remove (oem), over the catalog. The catalog must outlive the dispatcher's use.
namespace massaged {

void add_program_methods(JsonRpcDispatcher& rpc, ProgramCatalog& catalog);

}  // namespace massaged
