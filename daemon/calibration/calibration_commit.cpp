#include "daemon/calibration/calibration_commit.hpp"

namespace calibration {

StoredCalibration calibration_to_commit(const std::optional<StoredCalibration>& base,
                                        const safety::Calibration& staged,
                                        const std::set<Procedure>& procedures,
                                        const CommitRecord& record) {
  StoredCalibration next;
  next.calibration = base ? base->calibration : safety::uncalibrated();
  if (base) next.parts = base->parts;
  const auto drive_of = [&record](Procedure part) -> std::optional<DriveStamp> {
    const auto drive = record.drives.find(measured_on(part));
    if (drive == record.drives.end()) return std::nullopt;
    return drive->second;
  };
  if (base && base->format_version < 2) {
    for (const auto part : kAllProcedures) {
      const auto drive = drive_of(part);
      if (!procedures.contains(part) && drive &&
          differs_from_the_mechanism(part, base->calibration)) {
        next.parts[part] = PartRecord{*drive, std::nullopt, std::nullopt};
      }
    }
  }
  for (const auto part : procedures) {
    copy_part(part, staged, next.calibration);
    // The procedure measured through this drive, so it has identified itself.
    if (const auto drive = drive_of(part)) {
      next.parts[part] = PartRecord{*drive, record.now, record.technician_uid};
    } else {
      next.parts.erase(part);
    }
  }
  next.format_version = kFormatVersion;
  next.calibration.valid = true;
  return next;
}

}  // namespace calibration
