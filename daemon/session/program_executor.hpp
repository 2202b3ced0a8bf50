#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/model/setpoint_source.hpp"
#include "daemon/programs/program.hpp"
#include "daemon/programs/step.hpp"
#include "daemon/safety/compression_hold.hpp"
#include "daemon/session/back_extent.hpp"
#include "daemon/session/fitting.hpp"
#include "daemon/session/force_filter.hpp"
#include "daemon/session/live_adjustments.hpp"
#include "daemon/session/program_timeline.hpp"
#include "daemon/session/session_progress.hpp"
#include "daemon/session/shoulder_position.hpp"
#include "daemon/session/spin_down.hpp"
#include "daemon/session/step_runner.hpp"

// Runs a checked program on the body in the chair, as the control loop's setpoint source for a
// massage: its steps in order (groups unrolled), each worked by its technique's runner, every
// anatomical target placed by the fitting, every intensity turned into a force under the
// supervisor's ceilings. Once per cycle it takes the person's changes (stronger, lighter, the
// focus, "that's tender", "hold here", a nudged shoulder position) and publishes its progress.
// A part of a step where the rollers find no back is skipped (SkippedPart): the progress and the
// log say so, and the time left is estimated anew for the back as found (BackExtent).
// Pauses, stops and extensions are the controller's (pause/resume/stop_session/extend_session):
// the executor's time is the controller's run time, which leaves pauses out.
namespace session {

// "Hold here" holds the spot this long, in these increments, with the program's next intensity.
inline constexpr std::chrono::seconds kHoldHereTime{30};
inline constexpr int kHoldHereIncrements = 2;
// ...or this intensity when the program's step has none (a rest).
inline constexpr int kHoldHereIntensity = 3;

class ProgramExecutor final : public control::SetpointSource {
 public:
  ProgramExecutor(programs::Program program, Fitting fitting, ShoulderPosition shoulder,
                  std::shared_ptr<LiveAdjustments> adjustments,
                  std::shared_ptr<ProgressBoard> progress);
  ~ProgramExecutor() override;
  ProgramExecutor(const ProgramExecutor&) = delete;
  ProgramExecutor& operator=(const ProgramExecutor&) = delete;

  [[nodiscard]] std::string name() const override;
  control::SetpointRequest next(const control::ChairMeasurement& measured,
                                std::chrono::nanoseconds run_time) override;
  [[nodiscard]] bool finished() const override { return finished_; }

 private:
  void take_changes(const control::ChairMeasurement& measured);
  void ease_tender_spot(const control::ChairMeasurement& measured);
  void begin_hold_here(const control::ChairMeasurement& measured);
  StepRunner& runner();
  void advance_step();
  [[nodiscard]] std::optional<programs::Intensity> written_intensity() const;
  void note_skipped(SkippedPart& part);
  void estimate_durations();
  void publish(const control::ChairMeasurement& measured, std::chrono::nanoseconds run_time);
  [[nodiscard]] std::optional<WorkZone> zone() const;
  [[nodiscard]] std::chrono::nanoseconds remaining() const;

  programs::Program program_;
  std::vector<TimelineStep> timeline_;
  Fitting fit_;
  ShoulderPosition shoulder_;
  std::shared_ptr<LiveAdjustments> adjustments_;
  std::shared_ptr<ProgressBoard> board_;

  std::size_t index_ = 0;
  std::unique_ptr<StepRunner> step_;
  std::unique_ptr<StepRunner> hold_here_;
  std::chrono::nanoseconds in_step_{0};  // the present step's time so far
  std::chrono::nanoseconds in_hold_here_{0};
  std::vector<std::chrono::nanoseconds> estimates_;  // each step's, on this body
  std::optional<std::chrono::nanoseconds> last_run_time_;
  ForceFilter force_;
  SpinDown knead_spin_;
  SpinDown tap_spin_;
  safety::CompressionHold spot_watch_;
  std::optional<programs::Compression> hold_here_step_;
  std::optional<programs::Intensity> hold_here_intensity_;
  std::vector<ReleasedSpot> released_;
  std::vector<SkippedPart> skipped_;
  BackExtent extent_;
  bool finished_ = false;
};

}  // namespace session
