#include "daemon/api/transport/json_rpc_dispatcher.hpp"

#include <algorithm>
#include <stdexcept>

#include <spdlog/spdlog.h>

namespace massaged {
namespace {

using nlohmann::json;

// Why a request object is not one, or nothing when it is well formed.
std::optional<std::string> request_fault(const json& request) {
  if (!request.is_object()) return "a request must be a JSON object";
  for (const auto& [key, value] : request.items()) {
    if (key != "jsonrpc" && key != "method" && key != "params" && key != "id") {
      return "unknown member \"" + key + "\"; a request has jsonrpc, method, params and id";
    }
  }
  const auto version = request.find("jsonrpc");
  if (version == request.end() || *version != "2.0") return "\"jsonrpc\" must be \"2.0\"";
  const auto method = request.find("method");
  if (method == request.end() || !method->is_string()) return "\"method\" must be a string";
  const auto params = request.find("params");
  if (params != request.end() && !params->is_object() && !params->is_array()) {
    return "\"params\" must be an object or an array";
  }
  return std::nullopt;
}

bool valid_id(const json& id) { return id.is_string() || id.is_number() || id.is_null(); }

// The message of a parse error without the library's "[json.exception...]" tag.
std::string parse_error_message(const json::parse_error& e) {
  std::string text = e.what();
  const auto tag_end = text.find("] ");
  if (tag_end != std::string::npos) text.erase(0, tag_end + 2);
  return "Parse error: " + text;
}

// Parses a message, refusing nesting deeper than kMaxNesting. Copying, comparing or printing a
// JSON value recurses once per level, so a message of a million brackets would overflow the
// stack; such values are dropped while parsing and never built. Returns the parsed value, or
// the error response to the message as a whole.
std::variant<json, json> parse_bounded(std::string_view message) {
  bool too_deep = false;
  json parsed;
  try {
    parsed = json::parse(message, [&too_deep](int depth, json::parse_event_t event, json&) {
      const bool opens =
          event == json::parse_event_t::object_start || event == json::parse_event_t::array_start;
      if (opens && depth >= JsonRpcDispatcher::kMaxNesting) too_deep = true;
      return !too_deep;
    });
  } catch (const json::parse_error& e) {
    return std::variant<json, json>(
        std::in_place_index<1>,
        json_rpc_error_response(nullptr, JsonRpcErrorCode::parse_error, parse_error_message(e)));
  }
  if (too_deep) {
    return std::variant<json, json>(
        std::in_place_index<1>,
        json_rpc_error_response(nullptr, JsonRpcErrorCode::invalid_request,
                                "Invalid Request: the message nests deeper than " +
                                    std::to_string(JsonRpcDispatcher::kMaxNesting) + " levels"));
  }
  return std::variant<json, json>(std::in_place_index<0>, std::move(parsed));
}

json empty_batch_error() {
  return json_rpc_error_response(nullptr, JsonRpcErrorCode::invalid_request,
                                 "Invalid Request: a batch must not be empty");
}

json forbidden(const std::string& method, ApiRole needed, const Caller& caller) {
  return json{{"method", method},
              {"required_role", to_string(needed)},
              {"role", to_string(caller.role)},
              {"uid", caller.credentials.uid}};
}

std::string forbidden_message(const std::string& method, ApiRole needed, const Caller& caller) {
  return method + " needs the " + std::string(to_string(needed)) + " role; this client (uid " +
         std::to_string(caller.credentials.uid) + ") has " +
         (caller.role == ApiRole::anyone ? std::string("no role")
                                         : "the " + std::string(to_string(caller.role)) + " role") +
         ": add its user to a group listed in api.roles." + std::string(to_string(needed));
}

}  // namespace

void JsonRpcDispatcher::add(std::string method, Method entry) {
  const std::unique_lock lock(mutex_);
  const auto [it, inserted] = handlers_.emplace(std::move(method), std::move(entry));
  if (!inserted) throw std::logic_error("JSON-RPC method " + it->first + " registered twice");
  if (it->second.urgent) urgent_names_.push_back(it->first);
}

void JsonRpcDispatcher::add_method(std::string method, ApiRole role, Handler handler) {
  add(std::move(method), Method{role, std::move(handler), false});
}

void JsonRpcDispatcher::add_urgent_method(std::string method, ApiRole role, Handler handler) {
  add(std::move(method), Method{role, std::move(handler), true});
}

void JsonRpcDispatcher::answer_unknown_while(std::function<bool()> starting, std::string why) {
  const std::unique_lock lock(mutex_);
  starting_ = std::move(starting);
  starting_why_ = std::move(why);
}

const JsonRpcDispatcher::Method* JsonRpcDispatcher::find(std::string_view method) const {
  const std::shared_lock lock(mutex_);
  const auto found = handlers_.find(method);
  return found == handlers_.end() ? nullptr : &found->second;
}

std::vector<std::string> JsonRpcDispatcher::methods() const {
  const std::shared_lock lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [name, handler] : handlers_) out.push_back(name);
  return out;
}

std::optional<ApiRole> JsonRpcDispatcher::role_of(std::string_view method) const {
  const auto* found = find(method);
  if (found == nullptr) return std::nullopt;
  return found->role;
}

PendingReply JsonRpcDispatcher::answer(std::string_view message, const Caller& caller) const {
  auto parsed = parse_bounded(message);
  if (parsed.index() == 1) return PendingReply::whole(std::move(std::get<1>(parsed)));
  return answer_parsed(std::get<0>(parsed), caller, PendingReply());
}

PendingReply JsonRpcDispatcher::answer_parsed(const json& message, const Caller& caller,
                                              PendingReply urgent_answers) const {
  if (!message.is_array()) {
    PendingReply reply;
    answer_one(message, caller, reply);
    return reply;
  }
  if (message.empty() && urgent_answers.size() == 0)
    return PendingReply::whole(empty_batch_error());
  PendingReply reply(true);
  reply.merge(std::move(urgent_answers));
  for (const auto& request : message) answer_one(request, caller, reply);
  return reply;
}

bool JsonRpcDispatcher::is_urgent_request(const json& request) const {
  if (!request.is_object()) return false;
  const auto method = request.find("method");
  if (method == request.end() || !method->is_string()) return false;
  const auto* found = find(method->get_ref<const std::string&>());
  return found != nullptr && found->urgent;
}

std::optional<JsonRpcDispatcher::UrgentPart> JsonRpcDispatcher::take_urgent(
    std::string_view message, const Caller& caller) const {
  bool named = false;
  {
    const std::shared_lock lock(mutex_);
    for (const auto& name : urgent_names_) named = named || message.find(name) != message.npos;
  }
  if (!named) return std::nullopt;
  auto parsed = parse_bounded(message);
  if (parsed.index() == 1) return std::nullopt;  // the main loop answers what is not JSON
  const json& value = std::get<0>(parsed);
  if (!value.is_array()) {
    if (!is_urgent_request(value)) return std::nullopt;
    UrgentPart part;
    answer_one(value, caller, part.answered);
    return part;
  }
  if (!std::any_of(value.begin(), value.end(),
                   [this](const json& request) { return is_urgent_request(request); })) {
    return std::nullopt;
  }
  UrgentPart part{PendingReply(true), json::array()};
  for (const auto& request : value) {
    if (is_urgent_request(request)) {
      answer_one(request, caller, part.answered);
    } else {
      part.rest->push_back(request);
    }
  }
  if (part.rest->empty()) part.rest.reset();
  return part;
}

void JsonRpcDispatcher::answer_one(const json& request, const Caller& caller,
                                   PendingReply& reply) const {
  json id = nullptr;
  if (request.is_object() && request.contains("id")) {
    if (!valid_id(request["id"])) {
      reply.add_response(
          nullptr, false,
          json_rpc_error_response(nullptr, JsonRpcErrorCode::invalid_request,
                                  "Invalid Request: \"id\" must be a string, a number or null"));
      return;
    }
    id = request["id"];
  }
  if (const auto fault = request_fault(request)) {
    reply.add_response(nullptr, false,
                       json_rpc_error_response(id, JsonRpcErrorCode::invalid_request,
                                               "Invalid Request: " + *fault));
    return;
  }
  const bool notification = !request.contains("id");
  const auto& method = request["method"].get_ref<const std::string&>();
  static const json kNoParams;
  const auto given = request.find("params");
  const json& params = given != request.end() ? *given : kNoParams;
  const auto error = [&](JsonRpcErrorCode code, const std::string& message, const json& data) {
    reply.add_response(id, notification, json_rpc_error_response(id, code, message, data));
  };
  const auto* entry = find(method);
  if (entry == nullptr) {
    std::function<bool()> starting;
    std::string why;
    {
      const std::shared_lock lock(mutex_);
      starting = starting_;
      why = starting_why_;
    }
    if (starting && starting()) {
      error(JsonRpcErrorCode::unavailable, why, json{{"method", method}, {"reason", "starting"}});
      return;
    }
    error(JsonRpcErrorCode::method_not_found, "Method not found: \"" + method + "\"",
          json{{"methods", methods()}});
    return;
  }
  if (!grants(caller.role, entry->role)) {
    error(JsonRpcErrorCode::forbidden, forbidden_message(method, entry->role, caller),
          forbidden(method, entry->role, caller));
    return;
  }
  try {
    auto result = entry->handler(params, caller);
    if (auto* later = std::get_if<LaterAnswer>(&result)) {
      reply.add_later(id, notification, method, std::move(*later));
      return;
    }
    auto& value = std::get<json>(result);
    reply.add_response(id, notification,
                       json{{"jsonrpc", "2.0"}, {"result", std::move(value)}, {"id", id}});
  } catch (const JsonRpcError& e) {
    error(e.code(), e.what(), e.data());
  } catch (const std::exception& e) {
    spdlog::error("API method {} failed: {}", method, e.what());
    error(JsonRpcErrorCode::internal_error,
          "Internal error in " + method + "; the daemon's log has details", json());
  }
}

void expect_no_params(std::string_view method, const nlohmann::json& params) {
  if (!params.is_null() && !params.empty()) {
    throw JsonRpcError(JsonRpcErrorCode::invalid_params,
                       "Invalid params: " + std::string(method) + " takes no parameters");
  }
}

std::optional<std::string> answer_now(const JsonRpcDispatcher& rpc, std::string_view message,
                                      const Caller& caller) {
  auto reply = rpc.answer(message, caller);
  while (!reply.poll(std::chrono::steady_clock::now())) {
  }
  return reply.text();
}

}  // namespace massaged
