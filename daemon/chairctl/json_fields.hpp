#pragma once

#include <string>

#include <nlohmann/json.hpp>

// Reading one field of the daemon's answers for printing: a missing field or one of another
// type prints as the fallback rather than stopping chairctl.
namespace chairctl {

inline std::string text_of(const nlohmann::json& object, const char* key,
                           const std::string& fallback = "") {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return fallback;
  return found->get<std::string>();
}

inline double number_of(const nlohmann::json& object, const char* key, double fallback = 0.0) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_number()) return fallback;
  return found->get<double>();
}

}  // namespace chairctl
