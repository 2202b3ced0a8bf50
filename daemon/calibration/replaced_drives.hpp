#pragma once

#include <map>
#include <string>
#include <vector>

#include "daemon/calibration/stored_calibration.hpp"
#include "drives/drives_view.hpp"

// Which parts of the calibration were measured on a drive that is no longer in place: a
// technician swapped the drive (its serial number differs), so the old drive's correction must
// not be applied to the new one.
namespace calibration {

// The drives of the linear axes as they last identified themselves, by axis.
using DrivesInPlace = std::map<hal::AxisKind, DriveStamp>;

// The linear axes' drives that have identified themselves; a drive not reached yet is left out.
[[nodiscard]] DrivesInPlace drives_in_place(const hal::DrivesView& drives);

// A part measured on another drive than the one in place.
struct ReplacedDrive {
  Procedure part;
  DriveStamp measured_on;
  DriveStamp now;

  friend bool operator==(const ReplacedDrive&, const ReplacedDrive&) = default;
};

// The parts of `stored` whose recorded drive's serial number is not that of the drive in place
// on its axis, in procedure order. Not judged: a part without a record (never measured, or a
// file of format 1), a drive not identified yet, and a drive that has no serial number register
// now and had none then (it cannot be told from another of its kind).
[[nodiscard]] std::vector<ReplacedDrive> replaced_drives(const StoredCalibration& stored,
                                                         const DrivesInPlace& drives);

// One replaced part, for calibration.show: "the depth drive was replaced (serial 20260003 when
// calibrated, now 20269999): calibrate again with chairctl calibrate force".
[[nodiscard]] std::string replaced_text(const ReplacedDrive& replaced);

// Why programs cannot run, per replaced drive with the parts it takes along and the commands
// that measure them again: "programs cannot run: the depth drive was replaced (serial 20260003
// when calibrated, now 20269999): the force sensor's calibration and the depth's zero were
// measured on the old drive and are not used; calibrate them again: chairctl calibrate force,
// then chairctl calibrate depth". Empty when nothing was replaced.
[[nodiscard]] std::string replaced_refusal(const std::vector<ReplacedDrive>& replaced);

}  // namespace calibration
