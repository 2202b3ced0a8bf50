#include "daemon/model/chair_measurement.hpp"

namespace control {

ChairMeasurement measure(const hal::CycleReport& report, const LatestReading& latest,
                         const safety::Calibration& calibration) {
  ChairMeasurement m;
  for (const auto kind : hal::kAllAxisKinds) {
    auto& sample = m.axis(kind);
    sample.kind = kind;
    const auto* outcome = report.find(kind);
    if (outcome == nullptr) {
      hal::DriveError missing;
      missing.kind = hal::DriveErrorKind::refused;
      missing.axis = kind;
      missing.doing = "running a cycle";
      missing.detail = "no drive of this axis is configured";
      sample.error = missing;
      continue;
    }
    sample.bus = outcome->bus;
    sample.unit = outcome->unit;
    if (outcome->reading) {
      sample.reading = *outcome->reading;
    } else {
      sample.error = outcome->reading.error();
      if (latest) sample.reading = latest(kind);
    }
  }
  using hal::AxisKind;
  if (const auto* travel = m.linear(AxisKind::travel)) {
    m.travel = travel->position;
    m.travel_velocity = travel->velocity;
  }
  if (const auto* width = m.linear(AxisKind::width)) m.lateral = width->position / 2.0;
  if (const auto* depth = m.linear(AxisKind::depth)) {
    m.depth = depth->position;
    m.raw_force = depth->force;
    m.force = calibration.force.corrected(depth->force);
  }
  if (const auto* knead = m.rotary(AxisKind::knead)) m.knead = knead->velocity;
  if (const auto* tap = m.rotary(AxisKind::tap)) m.tap = tap->velocity;
  return m;
}

}  // namespace control
