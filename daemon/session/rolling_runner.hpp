#pragma once

#include <chrono>
#include <optional>

#include "daemon/programs/step.hpp"
#include "daemon/session/contact_press.hpp"
#include "daemon/session/pressing_pace.hpp"
#include "daemon/session/reposition.hpp"
#include "daemon/session/step_runner.hpp"

// Rolling (stroking) along a muscle: the rollers come to the top of the span drawn in, find the
// back, and run down and up the span at the step's speed (never faster than the supervisor
// allows near the body) with the constant force of the step's intensity, `passes` runs in all.
// If they lose the back on the way (after a pause), the carriage waits while they look for it.
//
// When the back is not there to find (ContactPress's bounded search gives up), the part of the
// span without it is skipped: where the back was lost on the way, the rollers draw back and the
// strokes turn a little short of that place for the rest of the step; where there is no back at
// the start of a stroke, or too little of the span is left, the rest of the step is skipped.
// Either is reported (SkippedPart).
namespace session {

// A stroke shorter than this is not worth rolling.
inline constexpr units::Millimetres kShortestStroke{20.0};

class RollingRunner final : public StepRunner {
 public:
  explicit RollingRunner(programs::Rolling step);

  RollerAim next(const StepCycle& cycle, const Fitting& fit) override;
  [[nodiscard]] bool done() const override { return phase_ == Phase::done; }
  [[nodiscard]] std::string doing() const override;
  [[nodiscard]] std::optional<std::pair<anatomy::VertebralLevel, anatomy::Side>> spot(
      const Fitting&) const override {
    return std::nullopt;
  }
  [[nodiscard]] std::optional<std::chrono::nanoseconds> left(const Fitting& fit) const override;

 private:
  enum class Phase { to_start, find_back, rolling, done };
  struct Stroke {
    units::Millimetres upper;  // toward the neck
    units::Millimetres lower;  // toward the seat
  };

  // The span's ends on the track, short of where the back was lost.
  [[nodiscard]] Stroke stroke(const Fitting& fit) const;
  RollerAim lost_the_back(const StepCycle& cycle, const Fitting& fit, const RollerPlace& start);
  RollerAim skip_rest(const StepCycle& cycle, anatomy::VertebralLevel level, MissingBack where,
                      units::Millimetres travel);

  programs::Rolling step_;
  Phase phase_ = Phase::to_start;
  ContactPress contact_;
  PressingPace pace_{kWorkingLeeway};
  std::chrono::nanoseconds finding_{0};
  int passes_ = 0;
  bool down_ = true;
  std::optional<units::Millimetres> touched_;        // where they last touched it within reach
  std::optional<units::Millimetres> lowest_;         // the strokes turn back here on the way down
  std::optional<units::Millimetres> highest_;        // ...and here on the way up
  std::optional<anatomy::VertebralLevel> reported_;  // the level the last skip named
};

}  // namespace session
