#include "tests/daemon/support/travel_sweep.hpp"

#include <cstdio>

namespace control {
namespace {

constexpr units::Millimetres kReached{2.0};
constexpr units::MillimetresPerSecond kApproachSpeed{100.0};

}  // namespace

std::string TravelSweep::name() const {
  char text[96];
  std::snprintf(text, sizeof text, "sweep %.0f..%.0f mm at %.0f mm/s", spec_.from.value(),
                spec_.to.value(), spec_.speed.value());
  return text;
}

SetpointRequest TravelSweep::next(const ChairMeasurement& measured,
                                  std::chrono::nanoseconds run_time) {
  if (spec_.duration && run_time >= *spec_.duration) finished_ = true;
  if (units::abs(measured.travel - heading_) <= kReached &&
      units::abs(measured.lateral - spec_.lateral) <= kReached) {
    if (in_place_) ++turns_;
    in_place_ = true;
    heading_ = heading_ == spec_.from ? spec_.to : spec_.from;
  }
  SetpointRequest request;
  request.context = spec_.context;
  request.context.engage_depth = in_place_ && spec_.force.has_value() && !finished_;
  auto& s = request.setpoint;
  s.travel = heading_;
  s.travel_speed = in_place_ ? spec_.speed : kApproachSpeed;
  s.lateral = spec_.lateral;
  if (request.context.engage_depth) s.depth = DepthForce{*spec_.force};
  if (in_place_ && !finished_) {
    s.knead = spec_.knead;
    s.tap = spec_.tap;
  }
  return request;
}

}  // namespace control
