#include "daemon/api/methods/program_methods.hpp"

#include "daemon/api/json/program_json.hpp"
#include "daemon/api/transport/method_params.hpp"

namespace massaged {

using nlohmann::json;

namespace {

[[noreturn]] void refuse(const CatalogRefusal& refusal) {
  const auto& id = refusal.id;
  switch (refusal.kind) {
    case CatalogRefusal::Kind::invalid_program:
      throw JsonRpcError(JsonRpcErrorCode::invalid_program, refusal.message,
                         json{{"errors", errors_json(refusal.errors)}});
    case CatalogRefusal::Kind::read_only:
      throw JsonRpcError(JsonRpcErrorCode::read_only, refusal.message,
                         json{{"id", id}, {"origin", "shipped"}});
    case CatalogRefusal::Kind::not_found:
      throw JsonRpcError(JsonRpcErrorCode::not_found, refusal.message,
                         json{{"what", "program"}, {"id", id}});
    case CatalogRefusal::Kind::storage_failed:
      throw JsonRpcError(JsonRpcErrorCode::storage_failed, refusal.message,
                         json{{"reason", refusal.message}});
  }
  throw JsonRpcError(JsonRpcErrorCode::internal_error, refusal.message);
}

json list(const ProgramCatalog& catalog, const json& params, const Caller& caller) {
  const MethodParams p("programs.list", params, {});
  json out{{"programs", json::array()}};
  for (const auto& entry : catalog.entries()) out["programs"].push_back(program_summary(entry));
  // Files the daemon refused, for those who can fix them.
  if (grants(caller.role, ApiRole::technician)) {
    out["refused"] = json::array();
    for (const auto& file : catalog.rejected()) {
      out["refused"].push_back(json{{"file", file.file.string()},
                                    {"origin", to_string(file.origin)},
                                    {"errors", errors_json(file.errors)}});
    }
  }
  return out;
}

json describe(const ProgramCatalog& catalog, const json& params) {
  const MethodParams p("programs.describe", params, {"id"});
  const auto id = p.string("id");
  const auto* entry = catalog.find(id);
  if (!entry) {
    throw JsonRpcError(JsonRpcErrorCode::not_found,
                       "there is no program \"" + id + "\"; programs.list shows those there are",
                       json{{"what", "program"}, {"id", id}});
  }
  return program_details(*entry);
}

json check(const ProgramCatalog& catalog, const json& params) {
  const MethodParams p("programs.check", params, {"text", "name"});
  const auto text = p.string("text");
  const auto name = p.optional_string("name").value_or("program.toml");
  const auto checked = catalog.check(text, name);
  if (!checked) {
    return json{{"valid", false}, {"errors", errors_json(checked.error())}};
  }
  const auto& program = checked.value();
  const auto estimated = catalog.estimated_duration(program);
  const auto* existing = catalog.find(program.info.id);
  return json{{"valid", true},
              {"errors", json::array()},
              {"id", program.info.id},
              {"name", program.info.name},
              {"intended_minutes", program.info.intended_duration.count()},
              {"estimated_s", estimated.count() / 1000},
              {"steps", steps_json(program.steps)},
              // Whether installing it would add a program, replace one, or be refused.
              {"installed_as", existing == nullptr ? "new"
                               : existing->origin == ProgramOrigin::shipped
                                   ? "refused: a shipped program has this id"
                                   : "replacement"}};
}

json install(ProgramCatalog& catalog, const json& params) {
  const MethodParams p("programs.install", params, {"text", "name"});
  const auto text = p.string("text");
  auto installed = catalog.install(text, p.optional_string("name").value_or("program.toml"));
  if (!installed) refuse(installed.error());
  const auto& done = installed.value();
  return json{{"id", done.id}, {"file", done.file.string()}, {"replaced", done.replaced}};
}

json remove(ProgramCatalog& catalog, const json& params) {
  const MethodParams p("programs.remove", params, {"id"});
  const auto id = p.string("id");
  if (auto removed = catalog.remove(id); !removed) refuse(removed.error());
  return json{{"id", id}, {"removed", true}};
}

}  // namespace

void add_program_methods(JsonRpcDispatcher& rpc, ProgramCatalog& catalog) {
  rpc.add_method("programs.list", ApiRole::panel,
                 [&catalog](const json& params, const Caller& caller) {
                   return list(catalog, params, caller);
                 });
  rpc.add_method(
      "programs.describe", ApiRole::panel,
      [&catalog](const json& params, const Caller&) { return describe(catalog, params); });
  rpc.add_method("programs.check", ApiRole::panel,
                 [&catalog](const json& params, const Caller&) { return check(catalog, params); });
  rpc.add_method("programs.install", ApiRole::oem, [&catalog](const json& params, const Caller&) {
    return install(catalog, params);
  });
  rpc.add_method("programs.remove", ApiRole::oem,
                 [&catalog](const json& params, const Caller&) { return remove(catalog, params); });
}

}  // namespace massaged
