#pragma once

#include <chrono>
#include <future>
#include <optional>
#include <string>

#include "daemon/bodymap/body_map.hpp"
#include "daemon/model/calibration.hpp"
#include "daemon/model/setpoint_source.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "daemon/session/contact_press.hpp"
#include "daemon/session/force_filter.hpp"
#include "daemon/session/pressing_pace.hpp"
#include "result/expected.hpp"
#include "units/units.hpp"

// The body scan, as chairs do it: the rollers find the lower back and climb it at a light force
// (force mode, a safe distance beside the spine) toward the top of the track. Where the back
// rounds off over the shoulders the rollers can no longer follow it and the contact force drops:
// the top of the shoulders is where, climbing, the force first fell to 65 % of the scan's force
// and went on falling until the back was lost altogether. A dip that recovers (the edge of a
// shoulder blade) is not taken for the shoulders. It finds the shoulders within kScanTolerance
// of where they are (docs/sessions.md); the vertebral levels are then placed by the body map.
//
// The climb starts where the chair's geometry puts S1. When the rollers find no back there (a
// person sitting forward, a back shorter than the chair assumes), they climb reaching out for it,
// and the place where they first touch it is where the back leaves the rollers near the seat:
// the body map fits the levels between the shoulders and there (bodymap::BodyMap).
//
// It says so when it cannot: nobody in the chair (the rollers touched no back anywhere from the
// lower back to the top of the track), or the shoulders above the track (the back went on all
// the way to the top).
namespace session {

// How close to the true top of the shoulders the scan comes, for every body the chair fits.
inline constexpr units::Millimetres kScanTolerance{15.0};
// The climb slows down where the back pushes the rollers this much harder than the scan presses
// (PressingPace): the scan's press stays light where the back comes toward them steeply.
inline constexpr units::Newtons kScanLeeway{1.2};
// ...down to this, the carriage's slowest: the depth drive's force mode gives way to a back that
// comes toward the rollers only so fast, and the lower back's curve near the seat can rise a few
// millimetres for each millimetre climbed, so that even 5 mm/s pressed a steep one twice as hard
// as the scan means to.
inline constexpr units::MillimetresPerSecond kScanSlowest{1.0};

struct ScanSettings {
  // Never above the supervisor's body-scan ceiling, which clamps it.
  units::Newtons force{6.0};
  // Each roller from the midline: on the longissimus, clear of the spine and of the shoulder
  // blades' edges.
  units::Millimetres lateral{35.0};
  units::MillimetresPerSecond climb_speed{15.0};
  // A scan that has not ended after this long is given up.
  std::chrono::seconds longest{180};
};

enum class ScanProblem { nobody_seated, shoulders_beyond_track, interrupted };

struct ScanFailure {
  ScanProblem problem = ScanProblem::interrupted;
  std::string message;  // what happened and what to do
};

// What the scan found of the back, on the track.
struct ScannedBack {
  units::Millimetres shoulders{0.0};  // the top of the shoulders
  // Where the back leaves the rollers near the seat, when it does so above where the chair's
  // geometry puts S1: the lowest place the rollers touched it, climbing. None when they found it
  // where they started.
  std::optional<units::Millimetres> back_end;
};

// What the scan found, or why it could not tell where the shoulders are.
using ScanOutcome = result::Expected<ScannedBack, ScanFailure>;

class BodyScan final : public control::SetpointSource {
 public:
  BodyScan(ScanSettings settings, bodymap::ChairGeometry geometry, safety::Calibration calibration,
           safety::SafetyLimits limits);
  // A scan dropped before it ended (stopped, a fault) answers ScanProblem::interrupted.
  ~BodyScan() override;
  BodyScan(const BodyScan&) = delete;
  BodyScan& operator=(const BodyScan&) = delete;

  [[nodiscard]] std::string name() const override { return "body scan"; }
  control::SetpointRequest next(const control::ChairMeasurement& measured,
                                std::chrono::nanoseconds run_time) override;
  [[nodiscard]] bool finished() const override { return phase_ == Phase::done; }

  // Any thread: ready once the scan has ended.
  [[nodiscard]] std::shared_future<ScanOutcome> outcome() const { return future_; }
  // The control loop's thread: what it does now, for progress.
  [[nodiscard]] std::string doing() const;

 private:
  enum class Phase { to_start, find_back, climb, done };

  void end(ScanOutcome outcome);
  void watch_the_force(const control::ChairMeasurement& measured);
  [[nodiscard]] units::Millimetres top() const;

  ScanSettings settings_;
  bodymap::ChairGeometry geometry_;
  safety::Calibration calibration_;
  safety::SafetyLimits limits_;
  units::Newtons force_target_;
  Phase phase_ = Phase::to_start;
  ContactPress contact_{kBackReach};
  ForceFilter force_;
  std::optional<std::chrono::nanoseconds> last_run_time_;
  PressingPace pace_{kScanLeeway, kScanSlowest};
  bool back_found_ = false;   // the rollers have touched the back
  bool pressed_ = false;      // the rollers have pressed the back with the scan's force
  bool seeking_end_ = false;  // no back where the climb started: its end lies above
  std::optional<units::Millimetres> back_end_;  // where the rollers first touched it, climbing
  std::optional<units::Millimetres> drop_at_;   // where the force fell to half, climbing
  std::promise<ScanOutcome> promise_;
  std::shared_future<ScanOutcome> future_;
};

}  // namespace session
