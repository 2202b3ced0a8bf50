#include "daemon/calibration/calibration_in_use.hpp"

#include <algorithm>

namespace calibration {

CalibrationInUse::CalibrationInUse(StartingCalibration start)
    : stored_(std::move(start.stored)), unusable_(std::move(start.refusal)) {
  update();
}

bool CalibrationInUse::look_at(const DrivesInPlace& drives) {
  for (const auto& [axis, drive] : drives) drives_[axis] = drive;
  return update();
}

void CalibrationInUse::committed(StoredCalibration stored) {
  stored_ = std::move(stored);
  unusable_.clear();
  update();
  ++version_;  // a commit is handed on even when its values are those already in use
}

bool CalibrationInUse::usable(Procedure part) const {
  if (!stored_) return false;
  const auto replaced = std::any_of(replaced_.begin(), replaced_.end(),
                                    [part](const ReplacedDrive& r) { return r.part == part; });
  return !replaced && (stored_->format_version < 2 || stored_->parts.contains(part));
}

bool CalibrationInUse::update() {
  auto calibration = safety::uncalibrated();
  std::vector<ReplacedDrive> replaced;
  std::string refusal = unusable_;
  if (stored_) {
    calibration = stored_->calibration;
    replaced = replaced_drives(*stored_, drives_);
    for (const auto& r : replaced) copy_part(r.part, safety::uncalibrated(), calibration);
    calibration.valid = replaced.empty();
    refusal = replaced_refusal(replaced);
  }
  replaced_ = std::move(replaced);
  refusal_ = std::move(refusal);
  const bool changed = calibration != calibration_;
  calibration_ = calibration;
  if (changed) ++version_;
  return changed;
}

}  // namespace calibration
