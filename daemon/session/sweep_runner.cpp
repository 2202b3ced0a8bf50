#include "daemon/session/sweep_runner.hpp"

#include <algorithm>

#include "daemon/safety/force_ceiling.hpp"
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
  const RollerPlace start{upper, top.lateral};
  if (phase_ == Phase::to_start) {
    if (!at(start, measured)) return reposition(start, measured, fit.calibration(), fit.limits());
    phase_ = Phase::find_back;
    finding_ = std::chrono::nanoseconds{0};
    contact_.lift();
  }

  const auto end = down_ ? lower : upper;
  const auto level = fit.body().level_at(measured.travel);
  const auto force =
      fit.moving_force(work_.intensity, level, anatomy::Side::both, measured.travel, end);
  RollerAim aim;
  aim.lateral = top.lateral;
  aim.speed = kSweepSpeed;
  aim.pressing = phase_ != Phase::done;
  aim.depth = aim.pressing ? contact_.depth(force, measured, cycle.force)
                           : control::DepthSetpoint{control::DepthRetracted{}};
  if (aim.pressing) aim.force = force;
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

std::string SweepRunner::doing() const {
  switch (phase_) {
    case Phase::to_start:
      return "moving to the top of the span";
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
