#pragma once

#include <optional>
#include <string_view>
#include <type_traits>
#include <variant>

#include "daemon/bodymap/body_map.hpp"
#include "units/units.hpp"

// What a setpoint source (a session's program, the technician's jog, calibration, the body
// scan) wants from the chair in one control cycle, in the chair's terms, and what the supervisor
// must know to judge it. Nothing here reaches a drive unreviewed: the loop hands every request
// to the supervisor (daemon/safety/supervisor.hpp), which clamps or refuses it.
namespace control {

// How far the rollers reach into the back.
struct DepthRetracted {};
// Hold this contact force, as the calibrated load cell measures it.
struct DepthForce {
  units::Newtons force{0.0};
};
// Protrude this far; the force is still capped by the supervisor's ceiling.
struct DepthPosition {
  units::Millimetres position{0.0};
};
using DepthSetpoint = std::variant<DepthRetracted, DepthForce, DepthPosition>;

[[nodiscard]] inline bool is_retracted(const DepthSetpoint& depth) {
  return std::holds_alternative<DepthRetracted>(depth);
}

struct ChairSetpoint {
  units::Millimetres travel{0.0};  // along the track, 0 at the top, toward the seat
  units::MillimetresPerSecond travel_speed{0.0};
  units::Millimetres lateral{60.0};  // each roller's distance from the midline: half the width
  DepthSetpoint depth = DepthRetracted{};
  units::Rpm knead{0.0};
  units::Rpm tap{0.0};
};

// Who asks, which decides the rules that apply to pressing. The controller sets it from who
// started the source (daemon/control/session_runner.hpp): a technician's work is service; in a
// person's session the source tells the body scan from the massage, and nothing else.
enum class Purpose {
  massage,    // a session: needs the body scan and a valid calibration to press
  body_scan,  // finds the shoulders at light pressure: needs a valid calibration
  service,    // calibration and the technician's jog, with nobody in the chair
};

[[nodiscard]] constexpr std::string_view to_string(Purpose purpose) {
  switch (purpose) {
    case Purpose::massage:
      return "massage";
    case Purpose::body_scan:
      return "body scan";
    case Purpose::service:
      return "service";
  }
  return "unknown";
}

struct SetpointContext {
  Purpose purpose = Purpose::massage;
  // Where the vertebral levels lie on the track, once the body scan is done.
  std::optional<bodymap::BodyMap> body;
  // The person's own maximum intensity, as the strongest contact force they accept; none when
  // nobody set one (the region ceilings still apply).
  std::optional<units::Newtons> max_intensity;
  // The source means the rollers to press. Without it, the depth axis may move but never pushes
  // harder than a touch.
  bool engage_depth = false;
};

struct SetpointRequest {
  ChairSetpoint setpoint;
  SetpointContext context;
};

}  // namespace control
