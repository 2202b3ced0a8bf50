#include "daemon/api/methods/session_methods.hpp"

#include <spdlog/spdlog.h>

#include "daemon/api/json/command_answer.hpp"
#include "daemon/api/transport/method_params.hpp"
#include "daemon/session/shoulder_store.hpp"

namespace massaged {

using nlohmann::json;

namespace {

constexpr int kMostMinutes = 240;
constexpr int kMostNudge = 20;

LaterAnswer start(CurrentSession& session, const ProgramCatalog& catalog, const json& params,
                  const Caller& caller) {
  const MethodParams p("session.start", params, {"program", "intensity", "minutes", "user"});
  const auto id = p.string("program");
  const auto* entry = catalog.find(id);
  if (!entry) {
    throw JsonRpcError(JsonRpcErrorCode::not_found,
                       "there is no program \"" + id + "\"; programs.list shows those there are",
                       json{{"what", "program"}, {"id", id}});
  }
  SessionRequest request{
      entry->program, p.optional_string("user").value_or(""),
      programs::Intensity(
          p.optional_integer("intensity", 1, 10).value_or(programs::Intensity::kFirmest)),
      std::nullopt};
  if (const auto minutes = p.optional_integer("minutes", 1, kMostMinutes)) {
    request.minutes = std::chrono::minutes(*minutes);
  }
  if (!request.person.empty()) {
    if (const auto problem = session::check_person_id(request.person); !problem.empty()) {
      p.fail("\"user\": " + problem);
    }
  }
  spdlog::info("session.start {} for {} by {}", id,
               request.person.empty() ? std::string("nobody in particular") : request.person,
               caller.describe());
  return session.start(std::move(request));
}

// A live adjustment of the running session: answered at once.
template <class Adjust>
json adjust(CurrentSession& session, const control::ChairCommands& controller,
            std::string_view method, const json& params, Adjust adjustment) {
  const MethodParams p(method, params, {});
  auto* controls = session.controls();
  if (!controls) {
    throw JsonRpcError(
        JsonRpcErrorCode::refused, "no session has run yet; start one first (session.start)",
        json{{"state", control::to_string(controller.status().state)}, {"reason", "no session"}});
  }
  return command_result(adjustment(*controls), controller.status());
}

}  // namespace

void add_session_methods(JsonRpcDispatcher& rpc, control::ChairCommands& controller,
                         CurrentSession& session, const ProgramCatalog& catalog) {
  rpc.add_method("session.start", ApiRole::panel,
                 [&session, &catalog](const json& params, const Caller& caller) {
                   return JsonRpcDispatcher::Result(start(session, catalog, params, caller));
                 });
  const auto command = [&rpc, &controller](const char* name, ApiRole role, auto submit,
                                           const char* waiting_for) {
    rpc.add_method(name, role,
                   [&controller, name, submit, waiting_for](const json& params, const Caller&) {
                     const MethodParams p(name, params, {});
                     return JsonRpcDispatcher::Result(
                         command_answer(submit(controller), controller, waiting_for));
                   });
  };
  command(
      "session.pause", ApiRole::anyone, [](auto& c) { return c.pause(); }, "the pause");
  command(
      "session.resume", ApiRole::panel, [](auto& c) { return c.resume(); }, "the resume");
  command(
      "session.stop", ApiRole::anyone, [](auto& c) { return c.stop_session(); }, "the stop");
  command(
      "session.extend", ApiRole::panel, [](auto& c) { return c.extend_session(); },
      "the extension");

  const auto live = [&rpc, &controller, &session](const char* name, ApiRole role, auto adjustment) {
    rpc.add_method(name, role,
                   [&controller, &session, name, adjustment](const json& params, const Caller&) {
                     return adjust(session, controller, name, params, adjustment);
                   });
  };
  live("session.more", ApiRole::panel, [](session::SessionControls& c) { return c.more(); });
  live("session.less", ApiRole::anyone, [](session::SessionControls& c) { return c.less(); });
  live("session.focus_up", ApiRole::panel,
       [](session::SessionControls& c) { return c.focus_up(); });
  live("session.focus_down", ApiRole::panel,
       [](session::SessionControls& c) { return c.focus_down(); });
  live("session.tender", ApiRole::panel, [](session::SessionControls& c) { return c.tender(); });
  live("session.hold_here", ApiRole::panel,
       [](session::SessionControls& c) { return c.hold_here(); });
  rpc.add_method("session.nudge_shoulder", ApiRole::panel,
                 [&controller, &session](const json& params, const Caller&) {
                   const MethodParams p("session.nudge_shoulder", params, {"steps"});
                   const auto steps = p.optional_integer("steps", -kMostNudge, kMostNudge);
                   if (!steps || *steps == 0) {
                     p.fail(
                         "\"steps\" is required: nudges down the back (negative: up toward "
                         "the neck), -20..20 and not 0");
                   }
                   auto* controls = session.controls();
                   if (!controls) {
                     throw JsonRpcError(JsonRpcErrorCode::refused,
                                        "no session has run yet; start one first (session.start)",
                                        json{{"reason", "no session"}});
                   }
                   return command_result(controls->nudge_shoulder(*steps), controller.status());
                 });
  rpc.add_method("session.progress", ApiRole::panel, [&session](const json& params, const Caller&) {
    const MethodParams p("session.progress", params, {});
    return session.progress();
  });
}

}  // namespace massaged
