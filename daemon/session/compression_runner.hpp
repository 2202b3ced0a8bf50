#pragma once

#include <chrono>
#include <optional>

#include "daemon/programs/step.hpp"
#include "daemon/session/contact_press.hpp"
#include "daemon/session/reposition.hpp"
#include "daemon/session/step_runner.hpp"

// Ischemic compression, force-controlled, as a therapist does it: the rollers come to the spot
// drawn in, press in 1-3 increments up to the force of the step's intensity, and hold each
// increment's force. While they hold, the tissue gives (the force at a held depth decays as it
// relaxes); whenever the force has fallen a little below the target the rollers take up the
// slack with a small step deeper, never by pressing harder. Then they come off the back for the
// release time, and the whole is repeated. Where the rollers find no back at the spot
// (ContactPress's bounded search), the rest of the step is skipped and reported.
//
// A spot counts as released when, at the final increment's force, the rollers took up slack
// kReleasedTakeUps times: the tissue let them kReleasedTakeUps × kTakeUp deeper at the same
// force (docs/sessions.md).
namespace session {

// Slack is taken up when the force has fallen this share below the target (and at least
// kSlackFloor, so that the load cell's noise is never taken for slack)...
inline constexpr double kSlackShare = 0.05;
inline constexpr units::Newtons kSlackFloor{0.5};
// ...in steps of this much deeper...
inline constexpr units::Millimetres kTakeUp{0.2};
// ...at most once in this long, so that the tissue answers each step before the next.
inline constexpr std::chrono::milliseconds kTakeUpPause{1000};
// Take-ups at the final force after which the spot counts as released.
inline constexpr int kReleasedTakeUps = 3;

struct CompressionSpec {
  programs::Compression step;
  // "Hold here": this travel position (and the step's target across the back) instead of the
  // level's, which stays the level reported.
  std::optional<units::Millimetres> at_travel;
};

class CompressionRunner final : public StepRunner {
 public:
  explicit CompressionRunner(CompressionSpec spec);

  RollerAim next(const StepCycle& cycle, const Fitting& fit) override;
  [[nodiscard]] bool done() const override { return phase_ == Phase::done; }
  [[nodiscard]] std::string doing() const override;
  [[nodiscard]] std::optional<std::pair<anatomy::VertebralLevel, anatomy::Side>> spot(
      const Fitting& fit) const override;

 private:
  enum class Phase { approach, press, hold, release, done };

  [[nodiscard]] RollerPlace place(const Fitting& fit) const;
  [[nodiscard]] std::chrono::nanoseconds increment_time() const;
  void begin_press(const StepCycle& cycle, const Fitting& fit);
  void begin_release();
  RollerAim pressing(const StepCycle& cycle, const Fitting& fit, const RollerPlace& where);
  RollerAim releasing(const StepCycle& cycle, const Fitting& fit, const RollerPlace& where);
  RollerAim skip(const StepCycle& cycle, anatomy::VertebralLevel level, const RollerPlace& where);

  CompressionSpec spec_;
  Phase phase_ = Phase::approach;
  ContactPress contact_;
  int repeat_ = 0;                            // 0-based
  int increment_ = 0;                         // 0-based
  std::chrono::nanoseconds hold_{0};          // this repeat's hold, all increments
  std::chrono::nanoseconds in_increment_{0};  // time into the present increment
  std::chrono::nanoseconds since_take_up_{0};
  std::optional<std::chrono::nanoseconds> off_for_;  // the rollers have been off the back
  units::Millimetres held_depth_{0.0};
  units::Newtons held_target_{0.0};  // the force the present hold keeps
  bool pre_release_ = false;         // releasing before the first press, not after a hold
  std::optional<units::Millimetres> final_depth_;  // where the final force was first reached
  int take_ups_ = 0;
  bool released_ = false;  // reported for this step
  std::optional<RollerPlace> pressed_at_;
};

}  // namespace session
