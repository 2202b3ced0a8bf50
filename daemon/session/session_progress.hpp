#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/anatomy/muscle.hpp"
#include "daemon/anatomy/vertebral_level.hpp"
#include "daemon/session/fitting.hpp"
#include "daemon/session/shoulder_position.hpp"
#include "daemon/session/step_runner.hpp"

// How the session goes, for clients: the API serves the latest SessionProgress. The control
// loop publishes it every cycle on a ProgressBoard; any thread reads a snapshot.
namespace session {

enum class SessionPhase {
  scanning,   // the body scan looks for the shoulders
  massaging,  // the program runs
  finished,   // the program ran to its end
  ended,      // the session ended first: stopped, the scan failed, a fault, the time was up
};

[[nodiscard]] std::string_view to_string(SessionPhase phase);

// Where on the back the present step works.
struct WorkZone {
  anatomy::VertebralLevel top = anatomy::VertebralLevel::C7;
  anatomy::VertebralLevel bottom = anatomy::VertebralLevel::C7;  // top again for a compression
  std::string target;                                            // "longissimus", "5 cm"
  anatomy::Side side = anatomy::Side::both;
  bool operator==(const WorkZone&) const = default;
};

// "T4, rhomboid, both sides"; "T2 to T7, 5 cm".
[[nodiscard]] std::string to_string(const WorkZone& zone);

struct SessionProgress {
  SessionPhase phase = SessionPhase::scanning;
  std::string program_id;
  std::string program_name;
  std::size_t step_index = 0;  // 0-based, in the unrolled program (program_timeline.hpp)
  std::size_t step_count = 0;
  std::string technique;         // "compression"; empty while scanning
  std::optional<WorkZone> zone;  // none for a rest and while scanning
  int intensity = 0;             // 1..10 as worked now (the person's changes applied); 0 at rest
  std::string doing;             // "holding, 2nd of 2 increments, 3 take-ups"
  bool holding_here = false;     // a "hold here" compression runs
  std::chrono::nanoseconds elapsed{0};    // the program's run time, pauses left out
  std::chrono::nanoseconds remaining{0};  // estimated, for this body
  std::vector<ReleasedSpot> released;
  std::vector<SkippedPart> skipped;  // parts the rollers found no back for, in order
  std::vector<TenderSpot> tender;
  int intensity_shift = 0;  // the person's "more" and "less"
  int focus_shift = 0;      // levels the person moved the work down (negative: up)
  std::optional<ShoulderPosition> shoulder;
  // Where the scan found the back leaving the rollers near the seat, when it did so above where
  // the chair's geometry puts S1; the levels are fitted down to there.
  std::optional<units::Millimetres> back_end;
  std::optional<units::Millimetres> s1;  // where the body map puts S1, once the body is placed
  std::string outcome;                   // once finished or ended: how and why
};

class ProgressBoard {
 public:
  void publish(SessionProgress progress);
  [[nodiscard]] SessionProgress snapshot() const;
  // The session ended before its program finished: the last progress stays, phase ended, with
  // why. Changes nothing once finished or ended.
  void end(std::string why);

 private:
  mutable std::mutex mutex_;
  SessionProgress progress_;
};

}  // namespace session
