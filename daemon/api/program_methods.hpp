#pragma once

#include "daemon/api/json_rpc_dispatcher.hpp"
#include "daemon/api/program_catalog.hpp"

// programs.list, programs.describe, programs.check (panel) and programs.install,
// programs.remove (oem), over the catalog. The catalog must outlive the dispatcher's use.
namespace massaged {

void add_program_methods(JsonRpcDispatcher& rpc, ProgramCatalog& catalog);

}  // namespace massaged
