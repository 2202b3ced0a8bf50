#include "daemon/control/park_position.hpp"

namespace control {
namespace {

constexpr units::MillimetresPerSecond kParkingSpeed{100.0};
constexpr units::Millimetres kParked{1.0};
constexpr units::Rpm kStill{1.0};

}  // namespace

SetpointRequest park_request(const safety::Calibration& calibration, units::Millimetres margin) {
  SetpointRequest request;
  request.context.purpose = Purpose::service;
  request.context.engage_depth = false;
  auto& s = request.setpoint;
  s.travel = calibration.travel.inset(margin).min;
  s.travel_speed = kParkingSpeed;
  s.lateral = calibration.width.middle() / 2.0;
  s.depth = DepthRetracted{};
  return request;
}

bool parked(const SetpointRequest& request, const ChairMeasurement& measured,
            const safety::Calibration& calibration) {
  const auto& s = request.setpoint;
  for (const auto& sample : measured.axes) {
    if (!sample.fresh() || flags_of(*sample.reading).moving) return false;
  }
  return units::abs(measured.travel - s.travel) <= kParked &&
         units::abs(measured.lateral - s.lateral) * 2.0 <= kParked &&
         measured.depth <= calibration.depth.min + kParked && units::abs(measured.knead) < kStill &&
         units::abs(measured.tap) < kStill;
}

}  // namespace control
