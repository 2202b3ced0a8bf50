#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace hal {

// The five axes of a roller chair, as the drives name them.
enum class AxisKind { travel, width, depth, knead, tap };

inline constexpr std::array<AxisKind, 5> kAllAxisKinds = {
    AxisKind::travel, AxisKind::width, AxisKind::depth, AxisKind::knead, AxisKind::tap};

// Travel, width and depth move in millimetres; knead and tap turn, in degrees and rpm.
constexpr bool is_rotary(AxisKind kind) { return kind == AxisKind::knead || kind == AxisKind::tap; }

constexpr std::string_view to_string(AxisKind kind) {
  switch (kind) {
    case AxisKind::travel:
      return "travel";
    case AxisKind::width:
      return "width";
    case AxisKind::depth:
      return "depth";
    case AxisKind::knead:
      return "knead";
    case AxisKind::tap:
      return "tap";
  }
  return "unknown";
}

constexpr std::optional<AxisKind> axis_kind_from_string(std::string_view name) {
  for (const auto kind : kAllAxisKinds) {
    if (to_string(kind) == name) return kind;
  }
  return std::nullopt;
}

// The drive's operating modes (CONTROL bits MODE). Force mode exists on the depth axis only.
enum class DriveMode { position, velocity, force };

}  // namespace hal
