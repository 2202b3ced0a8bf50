#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "daemon/programs/step.hpp"
#include "daemon/session/contact_press.hpp"
#include "daemon/session/pressing_pace.hpp"
#include "daemon/session/reposition.hpp"
#include "daemon/session/step_runner.hpp"

// Kneading and tapping: the rollers find the back at the top of the span and sweep slowly up and
// down it for the step's time with the force of its intensity, the kneading eccentric turning
// its circles or the tapping eccentric beating. A span of a single level is swept a little way
// either side of it, so that the rollers never dwell on one spot for longer than a hold may
// last. The tapping motor stands still wherever the rollers are at or near the kidney zone
// (T12 to L3), whatever the span says: tapping sweeps only the part of the span well clear of it.
// Where the back is not there to find (ContactPress's bounded search gives up), the sweep keeps
// to the part of its span short of where it was lost, or, with too little of it left or no back
// where it starts, skips the rest of the step; either is reported (SkippedPart).
namespace session {

struct SweepWork {
  std::string technique;  // "kneading", "tapping"
  programs::LevelSpan span;
  programs::LateralTarget target;
  programs::Intensity intensity{1};
  units::Rpm knead{0.0};
  units::Rpm tap{0.0};
  std::chrono::nanoseconds duration{0};
};

SweepWork sweep_of(const programs::Kneading& step, const safety::SafetyLimits& limits);
SweepWork sweep_of(const programs::Tapping& step, const safety::SafetyLimits& limits);

// The sweep moves along the track at this speed...
inline constexpr units::MillimetresPerSecond kSweepSpeed{15.0};
// ...and at least this far either side of the middle of a short span.
inline constexpr units::Millimetres kSweepReach{20.0};

class SweepRunner final : public StepRunner {
 public:
  explicit SweepRunner(SweepWork work);

  RollerAim next(const StepCycle& cycle, const Fitting& fit) override;
  [[nodiscard]] bool done() const override { return phase_ == Phase::done; }
  [[nodiscard]] std::string doing() const override;
  [[nodiscard]] std::optional<std::pair<anatomy::VertebralLevel, anatomy::Side>> spot(
      const Fitting&) const override {
    return std::nullopt;
  }

 private:
  enum class Phase { to_start, find_back, working, done };
  struct Range {
    units::Millimetres upper;
    units::Millimetres lower;
    bool may_tap = false;
  };

  // The stretch of the track the rollers sweep, and whether they may tap there.
  [[nodiscard]] Range sweep_range(const Fitting& fit) const;
  // The search for the back gave up at `start` or on the way from `from`.
  RollerAim lost_the_back(const StepCycle& cycle, const Fitting& fit, const RollerPlace& start,
                          units::Millimetres from);

  SweepWork work_;
  Phase phase_ = Phase::to_start;
  ContactPress contact_;
  PressingPace pace_{kWorkingLeeway};
  std::chrono::nanoseconds finding_{0};
  std::chrono::nanoseconds worked_{0};
  bool down_ = true;
  bool tapping_held_ = false;  // the tapping waits: the rollers are near the kidney zone
  std::optional<units::Millimetres> touched_;        // where they last touched it within reach
  std::optional<units::Millimetres> lowest_;         // the sweep turns back here on the way down
  std::optional<units::Millimetres> highest_;        // ...and here on the way up
  std::optional<anatomy::VertebralLevel> reported_;  // the level the last skip named
};

}  // namespace session
