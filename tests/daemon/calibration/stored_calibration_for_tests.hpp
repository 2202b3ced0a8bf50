#pragma once

#include "daemon/calibration/calibration_store.hpp"

// What the daemon starts with in tests that do not measure the calibration themselves.
namespace calibration_test {

// `calibration` as a file of format 1 holds it: its values, no drive recorded, so nothing is
// checked against the drives in place and every part counts as measured.
inline calibration::StartingCalibration stored_without_drives(const safety::Calibration& c) {
  calibration::StartingCalibration start;
  start.stored = calibration::StoredCalibration{1, c, {}};
  start.calibration = c;
  return start;
}

// Nothing stored: a chair never calibrated.
inline calibration::StartingCalibration never_calibrated() {
  calibration::StartingCalibration start;
  start.refusal = "programs cannot run: the chair was never calibrated";
  return start;
}

}  // namespace calibration_test
