#include "daemon/session/sweep_runner.hpp"

#include <algorithm>

#include "daemon/safety/force_ceiling.hpp"
#include "daemon/session/pressing_force.hpp"
#include "daemon/session/reposition.hpp"

namespace session {
namespace {

// Tapping stops this far from the kidney zone: the supervisor's own look up and down the track,
// and the way the rollers sweep on while the tapping eccentric spins down.
constexpr units::Millimetres kKidneyMargin =
    safety::kRegionLookahead + units::Millimetres(kSweepSpeed.value() * 3.0);

bool near_kidneys(const bodymap::BodyMap& body, units::Millimetres here, units::Millimetres there) {
  for (const auto at : {here - kKidneyMargin, here, here + kKidneyMargin, there}) {
    if (body.region_at(at) == anatomy::Region::kidney) return true;
  }
  return false;
}

}  // namespace

SweepWork sweep_of(const programs::Kneading& step, const safety::SafetyLimits& limits) {
  SweepWork work;
  work.technique = "kneading";
  work.span = step.span;
  work.target = step.target;
  work.intensity = step.intensity;
  work.knead = std::min(step.speed, limits.knead_max);
  work.duration = step.duration;
  return work;
}

SweepWork sweep_of(const programs::Tapping& step, const safety::SafetyLimits& limits) {
  SweepWork work;
  work.technique = "tapping";
  work.span = step.span;
  work.target = step.target;
  work.intensity = step.intensity;
  // One beat per turn of the tapping eccentric.
  work.tap = std::min(units::Rpm(step.frequency_hz * 60.0), limits.tap_max);
  work.duration = step.duration;
  return work;
}

SweepRunner::Range SweepRunner::sweep_range(const Fitting& fit) const {
  auto upper = fit.place(work_.span.top, work_.target).travel;
  auto lower = fit.place(work_.span.bottom, work_.target).travel;
  if (lower - upper < kSweepReach * 2.0) {
    const auto middle = (upper + lower) / 2.0;
    const auto range = fit.calibration().travel.inset(fit.limits().range_margin);
    upper = range.clamp(middle - kSweepReach);
    lower = range.clamp(middle + kSweepReach);
  }
  if (highest_) upper = std::max(upper, *highest_);
  if (lowest_) lower = std::min(lower, *lowest_);
  if (work_.tap <= units::Rpm(0.0)) return {upper, lower, false};
  // Tapping sweeps only the longest stretch of the span clear of the kidney zone, so that it
  // never heads for it; with no stretch long enough, the rollers sweep the span without tapping.
  constexpr units::Millimetres kProbe{5.0};
  auto from = upper;
  bool clear = false;  // `from` starts a clear stretch that goes on to `at`
  Range best{upper, upper, false};
  for (auto at = upper; at <= lower; at += kProbe) {
    if (near_kidneys(fit.body(), at, at)) {
      clear = false;
      continue;
    }
    if (!clear) from = at;
    clear = true;
    if (at - from > best.lower - best.upper) best = {from, at, true};
  }
  if (best.lower - best.upper < kSweepReach * 2.0) return {upper, lower, false};
  return best;
}

SweepRunner::SweepRunner(SweepWork work) : work_(std::move(work)), contact_(kBackReach) {}

RollerAim SweepRunner::next(const StepCycle& cycle, const Fitting& fit) {
  const auto& measured = cycle.measured;
  const auto top = fit.place(work_.span.top, work_.target);
  const auto [upper, lower, may_tap] = sweep_range(fit);
  const RollerPlace start{down_ ? upper : lower, top.lateral};
  if (phase_ == Phase::to_start) {
    if (!at(start, measured)) return reposition(start, measured, fit.calibration(), fit.limits());
    phase_ = Phase::find_back;
    finding_ = std::chrono::nanoseconds{0};
    contact_.lift();
    touched_.reset();
  }

  const auto end = down_ ? lower : upper;
  const auto level = fit.body().level_at(measured.travel);
  const auto force =
      fit.moving_force(work_.intensity, level, anatomy::Side::both, measured.travel, end);
  RollerAim aim;
  aim.lateral = top.lateral;
  aim.pressing = phase_ != Phase::done;
  const bool was_touching = contact_.touching();
  aim.depth = aim.pressing ? contact_.depth(force, measured, cycle.force, cycle.dt)
                           : control::DepthSetpoint{control::DepthRetracted{}};
  // Where the rollers had to look for the back, it may come toward them steeply.
  if (!was_touching && contact_.touching()) pace_.go_on_from(kCarefulPace);
  aim.speed = pace_.next(kSweepSpeed, measured.force, force,
                         region_ceiling(fit.limits(), fit.body(), measured.travel, end), cycle.dt);
  if (aim.pressing) aim.force = force;
  if (contact_.within_reach(measured)) touched_ = measured.travel;
  if (aim.pressing && contact_.no_back()) {
    return lost_the_back(cycle, fit, start, down_ ? upper : lower);
  }
  switch (phase_) {
    case Phase::find_back:
      finding_ += cycle.dt;
      aim.travel = start.travel;
      if ((contact_.touching() && cycle.force >= force * kEngagedShare) ||
          finding_ >= kLongestFind) {
        phase_ = Phase::working;
      }
      return aim;
    case Phase::done:
      aim.travel = measured.travel;
      return aim;
    default:
      break;
  }
  worked_ += cycle.dt;
  if (worked_ >= work_.duration) {
    phase_ = Phase::done;
    aim.travel = measured.travel;
    aim.pressing = false;
    aim.depth = control::DepthRetracted{};
    return aim;
  }
  aim.travel = contact_.touching() ? end : measured.travel;
  if (units::abs(measured.travel - end) <= kThereAlongTrack) down_ = !down_;
  aim.knead = contact_.touching() ? work_.knead : units::Rpm(0.0);
  tapping_held_ = work_.tap > units::Rpm(0.0) &&
                  (!may_tap || near_kidneys(fit.body(), measured.travel, aim.travel));
  aim.tap = contact_.touching() && !tapping_held_ ? work_.tap : units::Rpm(0.0);
  return aim;
}

RollerAim SweepRunner::lost_the_back(const StepCycle& cycle, const Fitting& fit,
                                     const RollerPlace& start, units::Millimetres from) {
  const auto& body = fit.body();
  auto where = MissingBack::at;
  auto level = body.level_at(start.travel);
  auto travel = start.travel;
  auto what = SkippedWork::rest_of_step;
  if (touched_) {
    // The back ended on the way: the sweep keeps to the part of its span short of that place.
    where = down_ ? MissingBack::below : MissingBack::above;
    level = body.level_at(*touched_);
    travel = *touched_;
    const auto turn = down_ ? *touched_ - kTurnShortBy : *touched_ + kTurnShortBy;
    if (units::abs(turn - from) >= kSweepReach) {
      what = SkippedWork::rest_of_sweep;
      (down_ ? lowest_ : highest_) = turn;
      down_ = !down_;
    }
  }
  if (what == SkippedWork::rest_of_step || reported_ != level) {
    reported_ = level;
    cycle.skipped.push_back(SkippedPart{.technique = work_.technique,
                                        .level = level,
                                        .where = where,
                                        .travel = travel,
                                        .what = what,
                                        .at = cycle.run_time});
  }
  phase_ = what == SkippedWork::rest_of_step ? Phase::done : Phase::to_start;
  RollerAim aim;
  aim.travel = cycle.measured.travel;
  aim.speed = kMoveSpeed;
  aim.lateral = start.lateral;
  aim.depth = control::DepthRetracted{};
  return aim;
}

std::string SweepRunner::doing() const {
  switch (phase_) {
    case Phase::to_start:
      return worked_ > std::chrono::nanoseconds{0} ? "moving to where the back is"
                                                   : "moving to the top of the span";
    case Phase::find_back:
      return "finding the back";
    case Phase::working:
      return tapping_held_ ? work_.technique + ", paused near the kidneys" : work_.technique;
    case Phase::done:
      return "done";
  }
  return "done";
}

}  // namespace session
