#include "daemon/calibration/stored_calibration.hpp"

namespace calibration {

DriveStamp stamp_of(const hal::DriveIdentity& identity) {
  return DriveStamp{identity.serial, identity.firmware};
}

void copy_part(Procedure procedure, const safety::Calibration& from, safety::Calibration& to) {
  switch (procedure) {
    case Procedure::force_sensor:
      to.force = from.force;
      return;
    case Procedure::travel_range:
      to.travel = from.travel;
      return;
    case Procedure::width_range:
      to.width = from.width;
      return;
    case Procedure::depth_zero:
      to.depth.min = from.depth.min;
      return;
  }
}

bool differs_from_the_mechanism(Procedure procedure, const safety::Calibration& calibration) {
  auto mechanism = calibration;
  copy_part(procedure, safety::uncalibrated(), mechanism);
  return mechanism != calibration;
}

}  // namespace calibration
