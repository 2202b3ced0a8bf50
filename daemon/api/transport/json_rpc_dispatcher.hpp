#pragma once

#include <functional>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/api/transport/api_role.hpp"
#include "daemon/api/transport/caller.hpp"
#include "daemon/api/transport/json_rpc_error.hpp"
#include "daemon/api/transport/later_answer.hpp"
#include "daemon/api/transport/pending_reply.hpp"

// JSON-RPC 2.0 over the API socket, exactly as the specification says: requests, notifications
// (answered by nothing), batches, and the standard errors. Each API subsystem registers its
// methods here with the role a client needs to call them; the transport hands over one message
// and sends back what comes out.
//
// Most methods run on the daemon's main loop. Urgent methods (the emergency stop) run on the
// API's reading thread the moment their line arrives, ahead of everything queued: see
// take_urgent(). Methods may be added while clients are served (the chair's once its control
// has started): registration and lookups are thread-safe.
namespace massaged {

class JsonRpcDispatcher {
 public:
  // Deeper messages are refused as invalid requests; a real request needs a handful of levels.
  static constexpr int kMaxNesting = 32;

  // A result now, or one that comes later (a command the control loop carries out).
  using Result = std::variant<nlohmann::json, LaterAnswer>;
  // Receives the request's params (an object or array; null when absent) and who calls.
  // Throws JsonRpcError to answer with an error; any other exception becomes an internal
  // error, logged, and the daemon carries on.
  using Handler = std::function<Result(const nlohmann::json& params, const Caller& caller)>;

  // Throws std::logic_error when `method` is already registered.
  void add_method(std::string method, ApiRole role, Handler handler);
  // An urgent method: its handler may run on any thread, answers at once (never later) and
  // does nothing that can wait on the main loop.
  void add_urgent_method(std::string method, ApiRole role, Handler handler);

  // Answers one message on the main loop.
  [[nodiscard]] PendingReply answer(std::string_view message, const Caller& caller) const;
  // The same for a message already parsed, merged with the answers given on the reading thread
  // to the urgent requests of the same batch.
  [[nodiscard]] PendingReply answer_parsed(const nlohmann::json& message, const Caller& caller,
                                           PendingReply urgent_answers) const;

  // The reading thread's part. Nothing when the message holds no urgent request, which is
  // told from its text without parsing for all but messages that name an urgent method.
  // Otherwise the urgent requests are carried out now and answered in `answered`; `rest` holds
  // the other requests of a batch (none when nothing is left) for answer_parsed on the main
  // loop.
  struct UrgentPart {
    PendingReply answered;
    std::optional<nlohmann::json> rest;
  };
  [[nodiscard]] std::optional<UrgentPart> take_urgent(std::string_view message,
                                                      const Caller& caller) const;

  [[nodiscard]] std::vector<std::string> methods() const;
  // The role a method needs; nothing for an unknown method.
  [[nodiscard]] std::optional<ApiRole> role_of(std::string_view method) const;

  // While `starting` says so, a method that is not registered (yet) is answered "unavailable"
  // with `why` rather than "Method not found": the daemon adds the chair's methods once the
  // chair's control runs.
  void answer_unknown_while(std::function<bool()> starting, std::string why);

 private:
  struct Method {
    ApiRole role = ApiRole::panel;
    Handler handler;
    bool urgent = false;
  };

  void add(std::string method, Method entry);
  // The registered method; nodes of the map never move, so the pointer stays valid.
  [[nodiscard]] const Method* find(std::string_view method) const;
  void answer_one(const nlohmann::json& request, const Caller& caller, PendingReply& reply) const;
  [[nodiscard]] bool is_urgent_request(const nlohmann::json& request) const;

  mutable std::shared_mutex mutex_;
  std::map<std::string, Method, std::less<>> handlers_;
  std::vector<std::string> urgent_names_;
  std::function<bool()> starting_;
  std::string starting_why_;
};

// For methods without parameters: throws invalid params unless `params` is absent or empty.
void expect_no_params(std::string_view method, const nlohmann::json& params);

// Answers `message` as the main loop would and returns the reply at once, polling answers that
// come later until they are in: for tests and the fuzz harness, where nothing else runs.
[[nodiscard]] std::optional<std::string> answer_now(const JsonRpcDispatcher& rpc,
                                                    std::string_view message, const Caller& caller);

}  // namespace massaged
