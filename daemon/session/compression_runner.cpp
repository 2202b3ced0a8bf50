#include "daemon/session/compression_runner.hpp"

#include <algorithm>

#include "daemon/session/reposition.hpp"

namespace session {
namespace {

using std::chrono::nanoseconds;

// Pressing has reached its target within this share either way.
constexpr double kReachedShare = 0.05;
// The target changed by more than this share while holding (more, less, tender): press anew.
constexpr double kTargetChange = 0.05;
// The spot moved (focus, nudge) by more than this: the repeat starts again at the new place.
constexpr units::Millimetres kMoved{2.0};
// The rollers were drawn back (a pause, the supervisor) this far from the held depth.
constexpr units::Millimetres kDrawnBack{2.0};
// A hold ends this long before the supervisor's limit for one spot would end it.
constexpr std::chrono::seconds kHoldMargin{1};
// A hold shorter than this is not worth it: the rollers come off the spot first.
constexpr std::chrono::seconds kShortestHold{10};

std::string ordinal(int n) {
  switch (n) {
    case 1:
      return "1st";
    case 2:
      return "2nd";
    case 3:
      return "3rd";
    default:
      return std::to_string(n) + "th";
  }
}

}  // namespace

CompressionRunner::CompressionRunner(CompressionSpec spec)
    : spec_(std::move(spec)), contact_(kBackReach) {}

RollerPlace CompressionRunner::place(const Fitting& fit) const {
  if (spec_.at_travel) {
    const auto p =
        place_on_chair(*spec_.at_travel, spec_.step.target, fit.calibration(), fit.limits());
    return {p.travel, p.lateral};
  }
  const auto p = fit.place(spec_.step.level, spec_.step.target);
  return {p.travel, p.lateral};
}

std::optional<std::pair<anatomy::VertebralLevel, anatomy::Side>> CompressionRunner::spot(
    const Fitting& fit) const {
  const auto level =
      spec_.at_travel ? spec_.step.level : fit.focus(spec_.step.level, spec_.step.target);
  return std::pair{level, spec_.step.side};
}

nanoseconds CompressionRunner::increment_time() const { return hold_ / spec_.step.increments; }

RollerAim CompressionRunner::next(const StepCycle& cycle, const Fitting& fit) {
  const auto where = place(fit);
  const bool pressing_phase = phase_ == Phase::press || phase_ == Phase::hold;
  if (pressing_phase && pressed_at_ &&
      (units::abs(where.travel - pressed_at_->travel) > kMoved ||
       units::abs(where.lateral - pressed_at_->lateral) > kMoved)) {
    // The person moved the focus (or the shoulders): this repeat starts over at the new spot.
    phase_ = Phase::approach;
    contact_.lift();
  }
  switch (phase_) {
    case Phase::approach:
      if (!at(where, cycle.measured))
        return reposition(where, cycle.measured, fit.calibration(), fit.limits());
      begin_press(cycle, fit);
      if (phase_ == Phase::release) return releasing(cycle, fit, where);
      return pressing(cycle, fit, where);
    case Phase::press:
    case Phase::hold:
      return pressing(cycle, fit, where);
    case Phase::release:
      return releasing(cycle, fit, where);
    case Phase::done:
      break;
  }
  RollerAim aim;
  aim.travel = where.travel;
  aim.speed = near_body_speed(fit.limits());
  aim.lateral = where.lateral;
  return aim;
}

void CompressionRunner::begin_press(const StepCycle& cycle, const Fitting& fit) {
  const auto& limits = fit.limits();
  const auto held = cycle.spot.held_for(cycle.now).value_or(nanoseconds{0});
  const auto budget = nanoseconds(limits.max_hold) - safety::kReleaseLead - kHoldMargin - held;
  if (budget < kShortestHold) {
    // The rollers have already pressed this spot for most of what one hold may last (the step
    // before ended here): they come off it for a release first.
    pre_release_ = true;
    begin_release();
    return;
  }
  phase_ = Phase::press;
  hold_ = std::min(nanoseconds(spec_.step.hold), budget);
  increment_ = 0;
  in_increment_ = nanoseconds{0};
  since_take_up_ = nanoseconds{0};
  take_ups_ = 0;
  final_depth_.reset();
  pressed_at_ = place(fit);
  contact_.lift();
}

void CompressionRunner::begin_release() {
  phase_ = Phase::release;
  off_for_.reset();
  contact_.lift();
}

RollerAim CompressionRunner::pressing(const StepCycle& cycle, const Fitting& fit,
                                      const RollerPlace& where) {
  const auto& measured = cycle.measured;
  in_increment_ += cycle.dt;
  since_take_up_ += cycle.dt;
  if (in_increment_ >= increment_time()) {
    if (increment_ + 1 >= spec_.step.increments) {
      begin_release();
      return releasing(cycle, fit, where);
    }
    ++increment_;
    in_increment_ = nanoseconds{0};
    phase_ = Phase::press;
  }
  const auto [level, side] = *spot(fit);
  const auto full = fit.force(spec_.step.intensity, level, side, where.travel, where.travel);
  const auto target = full * (static_cast<double>(increment_ + 1) / spec_.step.increments);
  const bool final = increment_ + 1 == spec_.step.increments;

  if (phase_ == Phase::hold) {
    const bool target_changed = units::abs(target - held_target_) > held_target_ * kTargetChange;
    const bool drawn_back =
        measured.depth < held_depth_ - kDrawnBack && cycle.force < target * (1.0 - 4 * kSlackShare);
    if (target_changed || drawn_back) {
      // Less, tender, more, or the rollers were taken off the back: force mode finds the new
      // force at once, and holding starts again from there.
      phase_ = Phase::press;
      if (drawn_back) contact_.lift();
      take_ups_ = 0;
      final_depth_.reset();
    }
  }

  RollerAim aim;
  aim.travel = where.travel;
  aim.speed = near_body_speed(fit.limits());
  aim.lateral = where.lateral;
  aim.pressing = true;
  aim.force = target;
  if (phase_ == Phase::press) {
    aim.depth = contact_.depth(target, measured, cycle.force, cycle.dt);
    if (contact_.no_back()) return skip(cycle, level, where);
    // Both the smoothed force and this cycle's: the smoothed one alone lags a force still rising.
    const auto band = target * kReachedShare;
    if (contact_.touching() && units::abs(cycle.force - target) <= band &&
        units::abs(measured.force - target) <= band) {
      phase_ = Phase::hold;
      held_depth_ = measured.depth;
      held_target_ = target;
      since_take_up_ = nanoseconds{0};
      if (final && !final_depth_) final_depth_ = measured.depth;
    }
    return aim;
  }
  const auto slack = std::max(held_target_ * kSlackShare, kSlackFloor);
  if (cycle.force < held_target_ - slack && since_take_up_ >= kTakeUpPause) {
    // The tissue gave: follow it a little deeper at the same force.
    held_depth_ += kTakeUp;
    since_take_up_ = nanoseconds{0};
    if (final) ++take_ups_;
    if (final && take_ups_ >= kReleasedTakeUps && !released_ && final_depth_) {
      released_ = true;
      cycle.released.push_back(
          ReleasedSpot{level, side, take_ups_, held_depth_ - *final_depth_, cycle.run_time});
    }
  }
  aim.depth = control::DepthPosition{held_depth_};
  return aim;
}

RollerAim CompressionRunner::skip(const StepCycle& cycle, anatomy::VertebralLevel level,
                                  const RollerPlace& where) {
  // The rollers reached as far as they go and found no back at the spot: nothing to press here,
  // in this repeat or the next. They draw back, and the program goes on.
  phase_ = Phase::done;
  cycle.skipped.push_back(SkippedPart{
      .technique = "compression",
      .level = level,
      .where = MissingBack::at,
      .travel = where.travel,
      .what = spec_.at_travel ? SkippedWork::hold : SkippedWork::rest_of_step,
      .at = cycle.run_time,
  });
  RollerAim aim;
  aim.travel = where.travel;
  aim.speed = kMoveSpeed;
  aim.lateral = where.lateral;
  aim.depth = control::DepthRetracted{};
  return aim;
}

RollerAim CompressionRunner::releasing(const StepCycle& cycle, const Fitting& fit,
                                       const RollerPlace& where) {
  RollerAim aim;
  aim.travel = where.travel;
  aim.speed = near_body_speed(fit.limits());
  aim.lateral = where.lateral;
  aim.depth = control::DepthRetracted{};
  if (!off_the_back(cycle.measured, fit.calibration())) {
    off_for_.reset();
    return aim;
  }
  // Counted from the first cycle that finds the rollers off, as the supervisor counts it.
  off_for_ = off_for_ ? *off_for_ + cycle.dt : nanoseconds{0};
  const bool rested = *off_for_ >= nanoseconds(spec_.step.release);
  const bool spot_free = !cycle.spot.held_for(cycle.now).has_value();
  if (!rested || !spot_free) return aim;
  if (pre_release_) {
    pre_release_ = false;
  } else if (++repeat_ >= spec_.step.repeats) {
    phase_ = Phase::done;
    return aim;
  }
  phase_ = Phase::approach;
  return aim;
}

std::string CompressionRunner::doing() const {
  const auto of_repeats = spec_.step.repeats > 1 ? ", " + ordinal(repeat_ + 1) + " of " +
                                                       std::to_string(spec_.step.repeats) + " holds"
                                                 : std::string();
  const auto increment =
      ordinal(increment_ + 1) + " of " + std::to_string(spec_.step.increments) + " increments";
  switch (phase_) {
    case Phase::approach:
      return "moving to the spot" + of_repeats;
    case Phase::press:
      return "pressing, " + increment + of_repeats;
    case Phase::hold:
      return "holding, " + increment + ", " + std::to_string(take_ups_) + " take-ups" + of_repeats;
    case Phase::release:
      return "releasing" + of_repeats;
    case Phase::done:
      return "done";
  }
  return "done";
}

}  // namespace session
