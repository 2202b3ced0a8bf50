#include "daemon/calibration/replaced_drives.hpp"

namespace calibration {
namespace {

std::string serial_text(const DriveStamp& drive) {
  return drive.serial ? "serial " + std::to_string(*drive.serial) : "no serial number";
}

std::string drive_change(const ReplacedDrive& replaced) {
  const auto now =
      replaced.now.serial ? std::to_string(*replaced.now.serial) : std::string("no serial number");
  return "the " + std::string(hal::to_string(measured_on(replaced.part))) +
         " drive was replaced (" + serial_text(replaced.measured_on) + " when calibrated, now " +
         now + ")";
}

std::string command(Procedure part) { return "chairctl calibrate " + std::string(to_string(part)); }

}  // namespace

DrivesInPlace drives_in_place(const hal::DrivesView& drives) {
  DrivesInPlace out;
  for (const auto axis : {hal::AxisKind::travel, hal::AxisKind::width, hal::AxisKind::depth}) {
    // A kind no drive is configured for has nothing measured on it either.
    const auto at = drives.place_of(axis);
    if (!at) continue;
    if (const auto identity = drives.identity(*at)) out[axis] = stamp_of(*identity);
  }
  return out;
}

std::vector<ReplacedDrive> replaced_drives(const StoredCalibration& stored,
                                           const DrivesInPlace& drives) {
  std::vector<ReplacedDrive> out;
  for (const auto part : kAllProcedures) {
    const auto record = stored.parts.find(part);
    if (record == stored.parts.end()) continue;
    const auto drive = drives.find(measured_on(part));
    if (drive == drives.end()) continue;
    if (record->second.drive.serial != drive->second.serial) {
      out.push_back({part, record->second.drive, drive->second});
    }
  }
  return out;
}

std::string replaced_text(const ReplacedDrive& replaced) {
  return drive_change(replaced) + ": calibrate again with " + command(replaced.part);
}

std::string replaced_refusal(const std::vector<ReplacedDrive>& replaced) {
  std::string out;
  for (const auto axis : {hal::AxisKind::travel, hal::AxisKind::width, hal::AxisKind::depth}) {
    std::vector<const ReplacedDrive*> on_axis;
    for (const auto& r : replaced) {
      if (measured_on(r.part) == axis) on_axis.push_back(&r);
    }
    if (on_axis.empty()) continue;
    // In procedure order: the force sensor before the depth's zero, which needs it.
    std::string parts;
    std::string commands;
    for (std::size_t i = 0; i < on_axis.size(); ++i) {
      const auto joint = i == 0 ? "" : i + 1 == on_axis.size() ? " and " : ", ";
      parts += joint + std::string(what_it_finds(on_axis[i]->part));
      commands += (i == 0 ? "" : ", then ") + command(on_axis[i]->part);
    }
    const bool several = on_axis.size() > 1;
    out += (out.empty() ? "programs cannot run: " : "; ") + drive_change(*on_axis.front()) + ": " +
           parts + (several ? " were" : " was") + " measured on the old drive and" +
           (several ? " are" : " is") + " not used; calibrate " + (several ? "them" : "it") +
           " again: " + commands;
  }
  return out;
}

}  // namespace calibration
