#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

// Reading a method's named parameters with errors a client can act on: an unknown or missing
// parameter, a wrong type or a value out of range is "Invalid params: session.start: ..." with
// what is allowed. Positional parameters (an array) are refused: every method names its
// parameters.
namespace massaged {

class MethodParams {
 public:
  // Throws JsonRpcError (invalid params) when `params` is neither absent nor an object, or names
  // a parameter not in `allowed`.
  MethodParams(std::string_view method, const nlohmann::json& params,
               std::initializer_list<std::string_view> allowed);

  [[nodiscard]] bool has(std::string_view key) const;
  [[nodiscard]] std::string string(std::string_view key) const;  // required
  [[nodiscard]] std::optional<std::string> optional_string(std::string_view key) const;
  [[nodiscard]] std::optional<int> optional_integer(std::string_view key, int min, int max) const;
  [[nodiscard]] std::optional<bool> optional_bool(std::string_view key) const;

  // Throws invalid params: "Invalid params: <method>: <message>".
  [[noreturn]] void fail(const std::string& message) const;

 private:
  [[nodiscard]] const nlohmann::json* find(std::string_view key) const;

  std::string method_;
  const nlohmann::json* params_;
};

}  // namespace massaged
