#pragma once

#include <memory>
#include <string>

#include "daemon/bodymap/body_map.hpp"
#include "daemon/control/chair_command.hpp"
#include "daemon/model/calibration.hpp"
#include "daemon/programs/program.hpp"
#include "daemon/session/live_adjustments.hpp"
#include "daemon/session/massage_session.hpp"
#include "daemon/session/session_progress.hpp"
#include "daemon/session/shoulder_store.hpp"

// The person's controls over their running session, as the API offers them: stronger, lighter,
// the focus a level up or down, "that's tender", "hold here", the shoulder position a step up or
// down (kept for them for their next session), and how the session goes. Every call answers at
// once; the control loop acts on it in its next cycle. Thread-safe.
namespace session {

class SessionControls {
 public:
  SessionControls(std::shared_ptr<LiveAdjustments> adjustments,
                  std::shared_ptr<ProgressBoard> progress, std::string person,
                  std::shared_ptr<ShoulderStore> store, bodymap::ChairGeometry geometry,
                  safety::Calibration calibration);

  control::CommandReply more() { return adjustments_->more(); }
  control::CommandReply less() { return adjustments_->less(); }
  control::CommandReply focus_up() { return adjustments_->focus_up(); }
  control::CommandReply focus_down() { return adjustments_->focus_down(); }
  control::CommandReply tender() { return adjustments_->tender(); }
  control::CommandReply hold_here() { return adjustments_->hold_here(); }
  // `steps` nudges down the back (negative: up toward the neck). The new correction is kept for
  // the person; if it cannot be kept, the session still uses it and the answer says so.
  control::CommandReply nudge_shoulder(int steps);

  // Once the program has started on the person's body, keeps how the body was fitted for them
  // (their correction, where their shoulders were placed, where their back leaves the rollers);
  // once per session, and only for a named person. The API's main loop calls it as it samples
  // the progress: it writes a file, which the control loop's thread never does.
  void keep_fit();

  [[nodiscard]] SessionProgress progress() const { return board_->snapshot(); }
  [[nodiscard]] const std::string& person() const { return person_; }

 private:
  std::shared_ptr<LiveAdjustments> adjustments_;
  std::shared_ptr<ProgressBoard> board_;
  std::string person_;
  std::shared_ptr<ShoulderStore> store_;
  bodymap::ChairGeometry geometry_;
  safety::Calibration calibration_;
};

// A session ready to start: the source goes to ChairController::start_session, the controls to
// the API.
struct StartingSession {
  std::unique_ptr<MassageSession> source;
  SessionControls controls;
};

// Prepares `program` for the person of `options`, with the correction kept for them in `store`
// (none if nothing was kept, the person is anonymous, there is no store, or their record cannot
// be read: that is logged, and the scan alone places the body).
StartingSession prepare_session(programs::Program program, const ChairSetup& chair,
                                SessionOptions options, std::shared_ptr<ShoulderStore> store);

}  // namespace session
