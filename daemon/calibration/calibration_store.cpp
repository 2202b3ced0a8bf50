#include "daemon/calibration/calibration_store.hpp"

#include "daemon/calibration/calibration_text.hpp"

namespace calibration {

CalibrationStore::CalibrationStore(std::filesystem::path state_directory, StateFiles& files)
    : directory_(std::move(state_directory)), files_(&files) {}

result::Expected<std::optional<StoredCalibration>, std::string> CalibrationStore::load_from(
    const std::filesystem::path& path) const {
  auto text = files_->read(path);
  if (!text) return result::unexpected(text.error());
  if (!*text) return std::optional<StoredCalibration>{};
  auto parsed = from_text(**text, path.string());
  if (!parsed) return result::unexpected(parsed.error());
  return std::optional<StoredCalibration>(std::move(*parsed));
}

result::Expected<std::optional<StoredCalibration>, std::string> CalibrationStore::load() const {
  return load_from(current_path());
}

result::Expected<std::optional<StoredCalibration>, std::string> CalibrationStore::load_previous()
    const {
  return load_from(previous_path());
}

result::Expected<void, std::string> CalibrationStore::commit(const StoredCalibration& stored) {
  if (auto problem = safety::check_calibration(stored.calibration); !problem.empty()) {
    return result::unexpected("the calibration was not stored: " + problem);
  }
  // Keep the current calibration as the previous one, but only a whole one: a damaged file
  // must not push out the last good previous version.
  const auto current = files_->read(current_path());
  if (!current) return result::unexpected(current.error());
  if (*current && from_text(**current, current_path().string())) {
    if (auto kept = files_->replace(previous_path(), **current); !kept) {
      return result::unexpected(kept.error());
    }
  }
  return files_->replace(current_path(), to_text(stored));
}

StartingCalibration calibration_at_start(const CalibrationStore& store) {
  StartingCalibration start;
  auto loaded = store.load();
  if (!loaded) {
    start.refusal = "programs cannot run: the stored calibration is unusable: " + loaded.error();
  } else if (!*loaded) {
    start.refusal = "programs cannot run: the chair was never calibrated (no " +
                    store.current_path().string() + "); calibrate it with chairctl calibrate";
  } else {
    start.calibration = (*loaded)->calibration;
    start.stored = std::move(**loaded);
  }
  return start;
}

}  // namespace calibration
