#pragma once

#include "daemon/model/chair_measurement.hpp"

// A measurement as the controller would build it from a healthy cycle, for the pure rules'
// tests: every drive answered, enabled and homed, nothing moving, at the given place.
namespace safety_test {

struct Place {
  units::Millimetres travel{600.0};
  units::Millimetres lateral{35.0};
  units::Newtons force{0.0};  // calibrated
  units::Millimetres depth{0.0};
};

inline control::ChairMeasurement measured_chair(const Place& place = {}) {
  control::ChairMeasurement m;
  int unit = 1;
  for (const auto kind : hal::kAllAxisKinds) {
    auto& sample = m.axis(kind);
    sample.kind = kind;
    sample.bus = "main";
    sample.unit = unit++;
    hal::StatusFlags flags;
    flags.ready = flags.enabled = flags.homed = flags.target_reached = true;
    if (hal::is_rotary(kind)) {
      hal::RotaryReading r;
      r.flags = flags;
      r.temperature = units::Celsius(30.0);
      r.current = units::Milliamperes(100.0);
      sample.reading = r;
      continue;
    }
    hal::LinearReading r;
    r.flags = flags;
    r.temperature = units::Celsius(30.0);
    r.current = units::Milliamperes(150.0);
    if (kind == hal::AxisKind::travel) r.position = place.travel;
    if (kind == hal::AxisKind::width) r.position = place.lateral * 2.0;
    if (kind == hal::AxisKind::depth) {
      r.position = place.depth;
      r.force = place.force;
    }
    sample.reading = r;
  }
  m.travel = place.travel;
  m.lateral = place.lateral;
  m.depth = place.depth;
  m.force = place.force;
  m.raw_force = place.force;
  return m;
}

// Changes one axis's reading in place.
template <class Motion, class Change>
void change_reading(control::ChairMeasurement& m, hal::AxisKind axis, Change change) {
  change(std::get<hal::Reading<Motion>>(*m.axis(axis).reading));
}

}  // namespace safety_test
