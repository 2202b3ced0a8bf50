#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "result/expected.hpp"
#include "units/units.hpp"

// What the chair keeps for each person between sessions: their correction of the body scan's
// shoulder position (ShoulderPosition's nudge), where their shoulders were last placed, and where
// the last scan found their back leaving the rollers near the seat (null when it reached down to
// where the chair puts S1). One small JSON file per person in the state directory, each written
// atomically (daemon/storage/atomic_file.hpp), so that a crash or power loss never loses or tears
// it. Files kept before the back's end was kept have no "last_back_end_mm": none.
//
// {"format": 1, "person": "anna", "shoulder_nudge_mm": -20, "last_shoulder_mm": 431.5,
//  "last_back_end_mm": 842.0}
//
// Thread-safe: the API's threads may keep and load at once.
namespace session {

struct KeptShoulder {
  int nudge_steps = 0;                  // the person's correction, in kNudgeStep steps
  units::Millimetres last_travel{0.0};  // where the shoulders were last placed: scan and nudge
  // Where the last scan found the back leaving the rollers near the seat, the levels fitted down
  // to there; none when the back reached down to where the chair puts S1.
  std::optional<units::Millimetres> last_back_end;
  bool operator==(const KeptShoulder&) const = default;
};

// Why `person` cannot name a person's record, or an empty string. An id is 1 to 64 letters,
// digits, '.', '_', '-' or '@', starting with a letter or a digit: clients use a user name or a
// number, and the id becomes a file name, so nothing else is let through.
std::string check_person_id(std::string_view person);

class ShoulderStore {
 public:
  // `directory` holds one file per person; it is created on the first keep().
  explicit ShoulderStore(std::filesystem::path directory);

  // Nothing when nothing was kept for this person yet; an error, saying what to do, for an
  // invalid id or a file that cannot be read or makes no sense.
  result::Expected<std::optional<KeptShoulder>, std::string> load(std::string_view person) const;
  result::Expected<void, std::string> keep(std::string_view person, const KeptShoulder& kept);

  [[nodiscard]] const std::filesystem::path& directory() const { return directory_; }
  [[nodiscard]] std::filesystem::path file_of(std::string_view person) const;

 private:
  std::filesystem::path directory_;
  mutable std::mutex mutex_;
};

}  // namespace session
