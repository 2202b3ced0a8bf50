#include "daemon/api/json_rpc_dispatcher.hpp"

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
// stack; such values are dropped while parsing and never built.
std::optional<json> parse_bounded(std::string_view message) {
  bool too_deep = false;
  json parsed = json::parse(message, [&too_deep](int depth, json::parse_event_t event, json&) {
    const bool opens =
        event == json::parse_event_t::object_start || event == json::parse_event_t::array_start;
    if (opens && depth >= JsonRpcDispatcher::kMaxNesting) too_deep = true;
    return !too_deep;
  });
  if (too_deep) return std::nullopt;
  return parsed;
}

}  // namespace

void JsonRpcDispatcher::add_method(std::string method, Handler handler) {
  const auto [it, inserted] = handlers_.emplace(std::move(method), std::move(handler));
  if (!inserted) throw std::logic_error("JSON-RPC method " + it->first + " registered twice");
}

std::vector<std::string> JsonRpcDispatcher::methods() const {
  std::vector<std::string> out;
  for (const auto& [name, handler] : handlers_) out.push_back(name);
  return out;
}

std::optional<std::string> JsonRpcDispatcher::answer(std::string_view message) const {
  std::optional<json> bounded;
  try {
    bounded = parse_bounded(message);
  } catch (const json::parse_error& e) {
    return json_rpc_text(
        json_rpc_error_response(nullptr, JsonRpcErrorCode::parse_error, parse_error_message(e)));
  }
  if (!bounded) {
    return json_rpc_text(json_rpc_error_response(nullptr, JsonRpcErrorCode::invalid_request,
                                                 "Invalid Request: the message nests deeper than " +
                                                     std::to_string(kMaxNesting) + " levels"));
  }
  const json& parsed = *bounded;
  if (!parsed.is_array()) {
    const auto reply = answer_one(parsed);
    return reply ? std::optional(json_rpc_text(*reply)) : std::nullopt;
  }
  if (parsed.empty()) {
    return json_rpc_text(json_rpc_error_response(nullptr, JsonRpcErrorCode::invalid_request,
                                                 "Invalid Request: a batch must not be empty"));
  }
  json replies = json::array();
  for (const auto& request : parsed) {
    if (auto reply = answer_one(request)) replies.push_back(std::move(*reply));
  }
  // A batch of notifications gets no reply at all, not an empty array.
  if (replies.empty()) return std::nullopt;
  return json_rpc_text(replies);
}

std::optional<json> JsonRpcDispatcher::answer_one(const json& request) const {
  json id = nullptr;
  if (request.is_object() && request.contains("id")) {
    if (!valid_id(request["id"])) {
      return json_rpc_error_response(nullptr, JsonRpcErrorCode::invalid_request,
                                     "Invalid Request: \"id\" must be a string, a number or null");
    }
    id = request["id"];
  }
  if (const auto fault = request_fault(request)) {
    return json_rpc_error_response(id, JsonRpcErrorCode::invalid_request,
                                   "Invalid Request: " + *fault);
  }
  const bool notification = !request.contains("id");
  const auto& method = request["method"].get_ref<const std::string&>();
  static const json kNoParams;
  const auto given = request.find("params");
  const json& params = given != request.end() ? *given : kNoParams;
  try {
    json result = call(method, params);
    if (notification) return std::nullopt;
    return json{{"jsonrpc", "2.0"}, {"result", std::move(result)}, {"id", id}};
  } catch (const JsonRpcError& e) {
    if (notification) return std::nullopt;
    return json_rpc_error_response(id, e.code(), e.what(), e.data());
  } catch (const std::exception& e) {
    spdlog::error("API method {} failed: {}", method, e.what());
    if (notification) return std::nullopt;
    return json_rpc_error_response(
        id, JsonRpcErrorCode::internal_error,
        "Internal error in " + method + "; the daemon's log has details");
  }
}

json JsonRpcDispatcher::call(const std::string& method, const json& params) const {
  const auto handler = handlers_.find(method);
  if (handler == handlers_.end()) {
    throw JsonRpcError(JsonRpcErrorCode::method_not_found, "Method not found: \"" + method + "\"",
                       json{{"methods", methods()}});
  }
  return handler->second(params);
}

void expect_no_params(std::string_view method, const nlohmann::json& params) {
  if (!params.is_null() && !params.empty()) {
    throw JsonRpcError(JsonRpcErrorCode::invalid_params,
                       "Invalid params: " + std::string(method) + " takes no parameters");
  }
}

}  // namespace massaged
