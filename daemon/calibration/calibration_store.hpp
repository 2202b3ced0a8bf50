#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "daemon/calibration/state_files.hpp"
#include "daemon/calibration/stored_calibration.hpp"
#include "result/expected.hpp"

// The chair's calibration in the daemon's state directory (never in the hand-edited
// configuration): calibration.toml, and calibration.previous.toml holding the one it replaced.
// A commit first keeps the current file as the previous one, then replaces the current one; a
// crash at any point leaves a whole, checksummed calibration in calibration.toml (the old or the
// new) and, once a second commit has begun, the old one in calibration.previous.toml.
namespace calibration {

inline constexpr std::string_view kCurrentFile = "calibration.toml";
inline constexpr std::string_view kPreviousFile = "calibration.previous.toml";

class CalibrationStore {
 public:
  CalibrationStore(std::filesystem::path state_directory, StateFiles& files);

  // The stored calibration; nothing when the chair was never calibrated; an error (what, which
  // file, what to do) when the file is damaged, changed by hand or unreadable.
  [[nodiscard]] result::Expected<std::optional<StoredCalibration>, std::string> load() const;
  // The calibration the current one replaced, the same way.
  [[nodiscard]] result::Expected<std::optional<StoredCalibration>, std::string> load_previous()
      const;

  // Stores `stored` (whose values must pass check_calibration) as the current one, in format
  // kFormatVersion, keeping the current one, if it is whole, as the previous one.
  result::Expected<void, std::string> commit(const StoredCalibration& stored);

  [[nodiscard]] std::filesystem::path current_path() const { return directory_ / kCurrentFile; }
  [[nodiscard]] std::filesystem::path previous_path() const { return directory_ / kPreviousFile; }

 private:
  [[nodiscard]] result::Expected<std::optional<StoredCalibration>, std::string> load_from(
      const std::filesystem::path& path) const;

  std::filesystem::path directory_;
  StateFiles* files_;
};

// What the daemon starts with: the stored calibration when it is whole; otherwise the
// mechanism's ranges marked not valid (the supervisor then lets no program press) with the
// reason, for the log and the chair's status. Whether the drives it was measured on are still
// in place is known only once they answer (CalibrationInUse).
struct StartingCalibration {
  std::optional<StoredCalibration> stored;
  safety::Calibration calibration = safety::uncalibrated();
  std::string refusal;  // empty when a calibration was stored
};

[[nodiscard]] StartingCalibration calibration_at_start(const CalibrationStore& store);

}  // namespace calibration
