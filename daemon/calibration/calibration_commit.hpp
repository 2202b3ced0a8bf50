#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>

#include "daemon/calibration/replaced_drives.hpp"
#include "daemon/calibration/stored_calibration.hpp"

// What a commit stores: the calibration stored so far with the staged procedures' results, each
// bound to the drive it was measured on, with the time and the technician.
namespace calibration {

struct CommitRecord {
  // The drives in place, as they identify themselves now: those the procedures measured.
  DrivesInPlace drives;
  std::chrono::sys_seconds now{};  // wall-clock time
  std::uint32_t technician_uid = 0;
};

// `base` (what is stored now; none on a chair never calibrated, or whose file is unusable) with
// the values of each of `procedures` taken from `staged` and recorded with the drive in place
// on its axis, the time and the technician; every other part as it was stored, with its record
// (a part measured on a drive since replaced stays bound to that drive, and stays out of use).
// A base of format 1 recorded no drives: its parts that were measured (they differ from the
// mechanism's own) are recorded with the drive in place now, without a time or technician, and
// are bound to it from now on.
[[nodiscard]] StoredCalibration calibration_to_commit(const std::optional<StoredCalibration>& base,
                                                      const safety::Calibration& staged,
                                                      const std::set<Procedure>& procedures,
                                                      const CommitRecord& record);

}  // namespace calibration
