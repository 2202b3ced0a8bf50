#include "tests/daemon/support/hold_at_spot.hpp"

#include <cstdio>

namespace control {
namespace {

// The rollers count as on the spot within these distances.
constexpr units::Millimetres kOnSpotTravel{2.0};
constexpr units::Millimetres kOnSpotLateral{1.5};

}  // namespace

std::string HoldAtSpot::name() const {
  char text[96];
  std::snprintf(text, sizeof text, "hold at %.0f mm, %.0f mm from the midline, %.0f N",
                spec_.travel.value(), spec_.lateral.value(), spec_.force.value());
  return text;
}

SetpointRequest HoldAtSpot::next(const ChairMeasurement& measured,
                                 std::chrono::nanoseconds run_time) {
  SetpointRequest request;
  request.context = spec_.context;
  request.context.engage_depth = false;
  auto& s = request.setpoint;
  s.travel = spec_.travel;
  s.travel_speed = spec_.approach_speed;
  s.lateral = spec_.lateral;
  const bool on_spot = units::abs(measured.travel - spec_.travel) <= kOnSpotTravel &&
                       units::abs(measured.lateral - spec_.lateral) <= kOnSpotLateral;
  if (!pressing_since_ && on_spot) pressing_since_ = run_time;
  if (pressing_since_ && spec_.duration && run_time - *pressing_since_ >= *spec_.duration) {
    finished_ = true;
  }
  if (pressing_since_ && !finished_) {
    s.depth = DepthForce{spec_.force};
    s.knead = spec_.knead;
    request.context.engage_depth = true;
  }
  return request;
}

}  // namespace control
