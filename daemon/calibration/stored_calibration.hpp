#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>

#include "daemon/calibration/procedure.hpp"
#include "daemon/model/calibration.hpp"
#include "modbus/drive_identity.hpp"

// The calibration as the state directory keeps it: its values and, for each part measured, the
// drive it was measured on, when, and which technician committed it (docs/calibration.md).
namespace calibration {

// The file format this daemon writes. Format 1 kept the values alone; format 2 adds, per part,
// the drive it was measured on, the time and the technician. Both are read.
inline constexpr int kFormatVersion = 2;

// A drive as it identified itself: its SERIAL and FIRMWARE registers.
struct DriveStamp {
  std::optional<std::uint32_t> serial;  // none: its profile has no serial number register
  std::uint16_t firmware = 0;

  friend bool operator==(const DriveStamp&, const DriveStamp&) = default;
};

[[nodiscard]] DriveStamp stamp_of(const hal::DriveIdentity& identity);

// How one part of the calibration came to be.
struct PartRecord {
  DriveStamp drive;  // the drive it was measured on
  // When it was committed and the user id of the technician who committed it; none for a part
  // of a format-1 file, recorded at the next commit with the drive then in place.
  std::optional<std::chrono::sys_seconds> calibrated_at;
  std::optional<std::uint32_t> technician_uid;

  friend bool operator==(const PartRecord&, const PartRecord&) = default;
};

struct StoredCalibration {
  int format_version = kFormatVersion;  // as read; a commit writes kFormatVersion
  safety::Calibration calibration;      // marked valid
  // The parts measured, by the procedure that measured them. A part missing from a format-2
  // file was never measured: the mechanism's own value stands. A format-1 file records none.
  std::map<Procedure, PartRecord> parts;
};

// Copies the values `procedure` measures (force: offset and gain; travel, width: the range;
// depth: its zero) from `from` into `to`.
void copy_part(Procedure procedure, const safety::Calibration& from, safety::Calibration& to);

// Whether the part's values differ from the mechanism's own (safety::uncalibrated()): a part of
// a format-1 file that does not was never measured.
[[nodiscard]] bool differs_from_the_mechanism(Procedure procedure,
                                              const safety::Calibration& calibration);

}  // namespace calibration
