#include "daemon/api/transport/method_params.hpp"

#include <algorithm>

#include "daemon/api/transport/json_rpc_error.hpp"

namespace massaged {

using nlohmann::json;

namespace {

// A value from the request as an error shows it: on one line, cut short.
std::string shown(const json& value) {
  std::string text = json_rpc_text(value);
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

}  // namespace

MethodParams::MethodParams(std::string_view method, const json& params,
                           std::initializer_list<std::string_view> allowed)
    : method_(method), params_(&params) {
  if (params.is_null()) return;
  if (!params.is_object()) {
    fail("parameters go by name, in an object such as {\"id\": \"quick-relief\"}");
  }
  for (const auto& [key, value] : params.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string names;
    for (const auto name : allowed) names += (names.empty() ? "" : ", ") + std::string(name);
    fail("unknown parameter \"" + key + "\"; " +
         (allowed.size() == 0 ? std::string("it takes none") : "it takes " + names));
  }
}

void MethodParams::fail(const std::string& message) const {
  throw JsonRpcError(JsonRpcErrorCode::invalid_params,
                     "Invalid params: " + method_ + ": " + message);
}

const json* MethodParams::find(std::string_view key) const {
  if (!params_->is_object()) return nullptr;
  const auto found = params_->find(key);
  return found == params_->end() ? nullptr : &*found;
}

bool MethodParams::has(std::string_view key) const { return find(key) != nullptr; }

std::string MethodParams::string(std::string_view key) const {
  auto value = optional_string(key);
  if (!value) fail("\"" + std::string(key) + "\" is required (a string)");
  return std::move(*value);
}

std::optional<std::string> MethodParams::optional_string(std::string_view key) const {
  const auto* value = find(key);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    fail("\"" + std::string(key) + "\" must be a string, not " + value->type_name());
  }
  return value->get<std::string>();
}

std::optional<int> MethodParams::optional_integer(std::string_view key, int min, int max) const {
  const auto* value = find(key);
  if (!value) return std::nullopt;
  const std::string range = std::to_string(min) + ".." + std::to_string(max);
  if (!value->is_number_integer()) {
    fail("\"" + std::string(key) + "\" must be a whole number " + range + ", not " + shown(*value));
  }
  const auto n = value->get<std::int64_t>();
  if (n < min || n > max) {
    fail("\"" + std::string(key) + "\" is " + std::to_string(n) + ", allowed " + range);
  }
  return static_cast<int>(n);
}

std::optional<bool> MethodParams::optional_bool(std::string_view key) const {
  const auto* value = find(key);
  if (!value) return std::nullopt;
  if (!value->is_boolean()) {
    fail("\"" + std::string(key) + "\" must be true or false, not " + shown(*value));
  }
  return value->get<bool>();
}

}  // namespace massaged
