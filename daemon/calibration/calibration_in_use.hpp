#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "daemon/calibration/calibration_store.hpp"
#include "daemon/calibration/replaced_drives.hpp"

// The calibration the chair runs on, and whether programs may run on it: what the state
// directory holds, checked against the drives in place as they identify themselves. A part
// measured on a drive that has since been replaced (another serial number) is not used: its
// values go back to the mechanism's own and programs cannot run until it is measured again; the
// other parts stay in use. Should the old drive come back, its parts are used again. Main loop
// only.
namespace calibration {

class CalibrationInUse {
 public:
  explicit CalibrationInUse(StartingCalibration start);

  // The drives as they identify themselves now; a drive missing from `drives` (not reached at
  // the moment) keeps the identity it last had. Returns whether calibration() changed.
  bool look_at(const DrivesInPlace& drives);
  // A commit stored `stored`: it is in use from now on, checked against the same drives.
  void committed(StoredCalibration stored);

  // For the supervisor and the sessions: the stored values, each replaced part back to the
  // mechanism's own; valid when something is stored and no part's drive was replaced.
  [[nodiscard]] const safety::Calibration& calibration() const { return calibration_; }
  // Why programs cannot run (never calibrated, the file unusable, a drive replaced); empty when
  // they can.
  [[nodiscard]] const std::string& refusal() const { return refusal_; }
  [[nodiscard]] const std::optional<StoredCalibration>& stored() const { return stored_; }
  [[nodiscard]] const std::vector<ReplacedDrive>& replaced() const { return replaced_; }
  // The drives as they last identified themselves.
  [[nodiscard]] const DrivesInPlace& drives() const { return drives_; }
  // Whether the part's values in use were measured for the drive now in place (or come from a
  // file of format 1, which does not say): what a procedure may build on.
  [[nodiscard]] bool usable(Procedure part) const;
  // Grows at every change of calibration(), so that whoever hands it on knows which one it has
  // handed on.
  [[nodiscard]] std::uint64_t version() const { return version_; }

 private:
  // Recomputes what is in use; true when calibration() changed.
  bool update();

  std::optional<StoredCalibration> stored_;
  std::string unusable_;  // why nothing is stored: never calibrated, or the file is unusable
  DrivesInPlace drives_;
  std::vector<ReplacedDrive> replaced_;
  safety::Calibration calibration_ = safety::uncalibrated();
  std::string refusal_;
  std::uint64_t version_ = 0;
};

}  // namespace calibration
