#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "daemon/bodymap/body_map.hpp"
#include "daemon/control/chair_command.hpp"
#include "daemon/model/calibration.hpp"
#include "daemon/session/shoulder_position.hpp"
#include "result/expected.hpp"

// What the person changes while the program runs: stronger or lighter, the work a level up or
// down, "that's tender", "hold here", the shoulder position. The API's threads call in and get
// an answer at once; the control loop takes the changes at the start of its next cycle, so each
// takes effect within one cycle. Thread-safe.
namespace session {

// The person may make the whole program this many intensity steps stronger or lighter...
inline constexpr int kMostIntensityShift = 9;
// ...and move its work this many levels up or down the back.
inline constexpr int kMostFocusShift = 3;

class LiveAdjustments {
 public:
  control::CommandReply more();
  control::CommandReply less();
  control::CommandReply focus_up();
  control::CommandReply focus_down();
  // The spot the rollers press now hurts: pressure backs off in the next cycle and the spot is
  // worked more gently for the rest of the session.
  control::CommandReply tender();
  // Stay on the present spot for a compression, then carry on with the program.
  control::CommandReply hold_here();
  // Moves the shoulder position by `steps` nudges (negative: up toward the neck); the program
  // follows the new body map from the next cycle. Returns the new position to keep.
  result::Expected<ShoulderPosition, std::string> nudge_shoulder(
      int steps, const bodymap::ChairGeometry& geometry, const safety::Calibration& calibration);

  // ---- the control loop's thread ----
  // The program has started on this body, its levels fitted down to `back_end` if the scan found
  // the back leaving the rollers there: tender, hold here and nudges are accepted from now.
  void begin(const ShoulderPosition& shoulder,
             std::optional<units::Millimetres> back_end = std::nullopt);
  // The program has ended: nothing more is accepted.
  void finish();

  // ---- the API's thread ----
  // How the program started on the body: the shoulders (the scan and the kept correction) and
  // where the back leaves the rollers near the seat, if it does.
  struct BodyFit {
    ShoulderPosition shoulder;
    std::optional<units::Millimetres> back_end;
  };
  // The fit, once after the program started on the body, for keeping; none before, or after
  // it was taken.
  std::optional<BodyFit> take_fit();
  // Where the levels are fitted to end, if the scan found the back leaving the rollers.
  [[nodiscard]] std::optional<units::Millimetres> back_end() const;

  struct Changes {
    int intensity_shift = 0;  // in total, not since the last call
    int focus_shift = 0;
    int tender = 0;                        // "that's tender" calls since the last take
    int hold_here = 0;                     // "hold here" calls since the last take
    std::optional<bodymap::BodyMap> body;  // a nudged body, when nudged since the last take
    std::optional<ShoulderPosition> shoulder;
  };
  Changes take();

 private:
  control::CommandReply shift_intensity(int by);
  control::CommandReply shift_focus(int by);
  [[nodiscard]] std::optional<std::string> not_running() const;

  mutable std::mutex mutex_;
  bool running_ = false;
  bool over_ = false;
  int intensity_shift_ = 0;
  int focus_shift_ = 0;
  int tender_ = 0;
  int hold_here_ = 0;
  std::optional<ShoulderPosition> shoulder_;
  std::optional<units::Millimetres> back_end_;
  bool fit_taken_ = false;
  std::optional<bodymap::BodyMap> nudged_body_;
};

}  // namespace session
