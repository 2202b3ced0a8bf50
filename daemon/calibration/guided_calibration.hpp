#pragma once

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/calibration/calibration_in_use.hpp"
#include "daemon/calibration/depth_zero.hpp"
#include "daemon/calibration/end_stop_search.hpp"
#include "daemon/calibration/force_sampling.hpp"
#include "daemon/calibration/force_sensor_fit.hpp"
#include "daemon/calibration/procedure.hpp"
#include "daemon/control/chair_commands.hpp"
#include "daemon/model/calibration.hpp"

// One calibration procedure, walked through step by step with the technician: each step says
// what to do, the technician confirms, the chair measures (a service session on the controller,
// nobody in the chair), and the result is staged on top of the current calibration. Nothing is
// stored here: the staged calibration is shown as a diff and committed on the technician's word
// (CalibrationStore). Used from one thread at a time (the API's).
namespace calibration {

struct TravelLimits {
  // The drives' RANGE_MAX for travel and width (drive_range.hpp).
  units::Millimetres travel_range_max{1200.0};
  units::Millimetres width_range_max{200.0};
  // The supervisor's margin from each end of the range (limits.range_margin): where a free axis
  // comes to rest.
  units::Millimetres supervisor_margin{5.0};
  // The soft range lies this far inside the end stops found.
  units::Millimetres soft_margin{2.0};
  // Resting further than this short of where the supervisor lets it go: blocked.
  units::Millimetres tolerance{1.0};
};

struct ProcedureSettings {
  ForceSamplingSpec sampling{};
  DepthZeroSpec depth_zero{};
  // The depth's zero is refused where the corrected load cell reads more than this: the rollers
  // touch something there.
  units::Newtons most_force_at_zero{2.0};
  ForceSensorBounds force_bounds{};
  TravelLimits travel{};
};

// What the technician sees.
struct StepView {
  std::string procedure;
  std::string instruction;  // what to do before confirming, or what the chair is doing
  bool measuring = false;   // the chair is busy: ask again
  bool finished = false;    // the result is staged
  std::string error;        // the step failed: why, and what to do (confirm repeats it)
  std::string result;       // what was found, once finished
};

class GuidedCalibration {
 public:
  // `in_use` (the calibration the chair uses, and which of its parts were measured for the
  // drives in place) must outlive the procedure.
  GuidedCalibration(control::ChairCommands& controller, const CalibrationInUse& in_use,
                    ProcedureSettings settings);

  // Starts a procedure from its first step (dropping any unfinished one).
  StepView begin(Procedure procedure);
  // The technician confirms the step shown; `reference` is the known load placed on the rollers
  // (the force sensor's second step only).
  StepView confirm(std::optional<units::Newtons> reference = std::nullopt);
  // Where the procedure stands; advances it when a measurement has finished.
  StepView poll();

  // The calibration in use with every finished procedure's result applied; none before the
  // first.
  [[nodiscard]] const std::optional<safety::Calibration>& staged() const { return staged_; }
  // After a commit: nothing is staged.
  void committed();
  // Drops the procedure under way and whatever is staged. A measurement already running on the
  // controller is not stopped here: the caller stops the controller's session.
  void discard();
  // A procedure has begun and not finished: it waits for the technician or measures.
  [[nodiscard]] bool under_way() const { return step_ != Step::idle && step_ != Step::done; }
  // The chair measures for the procedure: its service session runs or is about to start.
  [[nodiscard]] bool measuring() const {
    return step_ == Step::force_zeroing || step_ == Step::force_gaining ||
           step_ == Step::range_searching || step_ == Step::depth_retracting;
  }
  // The drive's RANGE_MAX of a linear axis (travel or width), once the drive has reported it:
  // the range procedures check the end stops against it.
  void use_range_max(hal::AxisKind axis, units::Millimetres range_max);
  // The end stops the last range procedure found (before the soft margin).
  [[nodiscard]] std::optional<safety::AxisRange> end_stops() const { return end_stops_; }

 private:
  enum class Step {
    idle,
    force_unloaded,    // waiting for: nothing on the rollers
    force_zeroing,     // sampling unloaded
    force_loaded,      // waiting for: the reference load placed
    force_gaining,     // sampling loaded
    range_ready,       // waiting for: the track clear
    range_searching,   // running the axis to its ends
    depth_ready,       // waiting for: nothing against the rollers
    depth_retracting,  // retracting the rollers and reading the load cell there
    done,
  };

  StepView view(std::string instruction, bool measuring = false) const;
  void start(std::unique_ptr<control::SetpointSource> source);
  void start_waiting();
  // The service session's start was refused: why.
  [[nodiscard]] std::optional<std::string> start_refused();
  [[nodiscard]] bool measurement_over() const;
  // Why a sampling session ended before it had every reading.
  [[nodiscard]] std::optional<std::string> interrupted(std::size_t samples) const;
  StepView finish_zero();
  StepView finish_gain();
  StepView finish_range();
  StepView finish_depth();
  [[nodiscard]] safety::Calibration& stage();

  control::ChairCommands* controller_;
  const CalibrationInUse* in_use_;
  ProcedureSettings settings_;
  std::optional<safety::Calibration> staged_;
  bool force_staged_ = false;  // the force sensor's procedure finished since the last commit

  Procedure procedure_ = Procedure::force_sensor;
  Step step_ = Step::idle;
  std::string error_;
  std::string result_;
  std::shared_ptr<ForceSamples> samples_;
  std::shared_ptr<ReachRecord> reach_;
  std::shared_ptr<DepthRestRecord> depth_rest_;
  units::Newtons offset_{0.0};
  units::Newtons reference_{0.0};
  std::unique_ptr<control::SetpointSource> waiting_;  // to start once the chair is ready
  std::optional<std::future<control::CommandReply>> start_reply_;
  std::optional<safety::AxisRange> end_stops_;
};

}  // namespace calibration
