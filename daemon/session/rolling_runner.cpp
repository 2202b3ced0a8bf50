#include "daemon/session/rolling_runner.hpp"

#include <algorithm>

#include "daemon/session/pressing_force.hpp"

namespace session {

RollingRunner::RollingRunner(programs::Rolling step)
    : step_(std::move(step)), contact_(kBackReach) {}

RollingRunner::Stroke RollingRunner::stroke(const Fitting& fit) const {
  Stroke s{fit.place(step_.span.top, step_.target).travel,
           fit.place(step_.span.bottom, step_.target).travel};
  if (highest_) s.upper = std::max(s.upper, *highest_);
  if (lowest_) s.lower = std::min(s.lower, *lowest_);
  return s;
}

RollerAim RollingRunner::next(const StepCycle& cycle, const Fitting& fit) {
  const auto& measured = cycle.measured;
  const auto [upper, lower] = stroke(fit);
  const RollerPlace start{down_ ? upper : lower, fit.place(step_.span.top, step_.target).lateral};
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
      fit.moving_force(step_.intensity, level, anatomy::Side::both, measured.travel, end);
  RollerAim aim;
  aim.lateral = start.lateral;
  aim.pressing = phase_ != Phase::done;
  const bool was_touching = contact_.touching();
  aim.depth = aim.pressing ? contact_.depth(force, measured, cycle.force, cycle.dt)
                           : control::DepthSetpoint{control::DepthRetracted{}};
  // Where the rollers had to look for the back, it may come toward them steeply.
  if (!was_touching && contact_.touching()) pace_.go_on_from(kCarefulPace);
  aim.speed =
      pace_.next(std::min(step_.speed, fit.limits().travel_speed_near_body), measured.force, force,
                 region_ceiling(fit.limits(), fit.body(), measured.travel, end), cycle.dt);
  if (aim.pressing) aim.force = force;
  if (contact_.within_reach(measured)) touched_ = measured.travel;
  if (aim.pressing && contact_.no_back()) return lost_the_back(cycle, fit, start);
  if (phase_ == Phase::find_back) {
    finding_ += cycle.dt;
    aim.travel = start.travel;
    if ((contact_.touching() && cycle.force >= force * kEngagedShare) || finding_ >= kLongestFind) {
      phase_ = Phase::rolling;
    }
    return aim;
  }
  if (phase_ == Phase::done) {
    aim.travel = measured.travel;
    return aim;
  }
  // Rolling: wait for the back where it was lost, then carry on toward the end of the pass.
  aim.travel = contact_.touching() ? end : measured.travel;
  if (units::abs(measured.travel - end) <= kThereAlongTrack) {
    ++passes_;
    down_ = !down_;
    if (passes_ >= step_.passes) phase_ = Phase::done;
  }
  return aim;
}

RollerAim RollingRunner::lost_the_back(const StepCycle& cycle, const Fitting& fit,
                                       const RollerPlace& start) {
  const auto& body = fit.body();
  if (!touched_) {
    return skip_rest(cycle, body.level_at(start.travel), MissingBack::at, start.travel);
  }
  // The back ended on the way: from now on the strokes turn back short of where it was lost.
  const auto where = down_ ? MissingBack::below : MissingBack::above;
  const auto level = body.level_at(*touched_);
  const auto turn = down_ ? *touched_ - kTurnShortBy : *touched_ + kTurnShortBy;
  if (units::abs(turn - start.travel) < kShortestStroke) {
    return skip_rest(cycle, level, where, *touched_);
  }
  (down_ ? lowest_ : highest_) = turn;
  if (reported_ != level) {
    reported_ = level;
    cycle.skipped.push_back(SkippedPart{.technique = "rolling",
                                        .level = level,
                                        .where = where,
                                        .travel = *touched_,
                                        .what = SkippedWork::rest_of_stroke,
                                        .at = cycle.run_time});
  }
  // This stroke ends here; the next starts at the turn, found afresh after the rollers drew back.
  ++passes_;
  down_ = !down_;
  phase_ = passes_ >= step_.passes ? Phase::done : Phase::to_start;
  RollerAim aim;
  aim.travel = cycle.measured.travel;
  aim.speed = kMoveSpeed;
  aim.lateral = start.lateral;
  aim.depth = control::DepthRetracted{};
  return aim;
}

RollerAim RollingRunner::skip_rest(const StepCycle& cycle, anatomy::VertebralLevel level,
                                   MissingBack where, units::Millimetres travel) {
  phase_ = Phase::done;
  cycle.skipped.push_back(SkippedPart{.technique = "rolling",
                                      .level = level,
                                      .where = where,
                                      .travel = travel,
                                      .what = SkippedWork::rest_of_step,
                                      .at = cycle.run_time});
  RollerAim aim;
  aim.travel = cycle.measured.travel;
  aim.speed = kMoveSpeed;
  aim.lateral = cycle.measured.lateral;
  aim.depth = control::DepthRetracted{};
  return aim;
}

std::optional<std::chrono::nanoseconds> RollingRunner::left(const Fitting& fit) const {
  if (!lowest_ && !highest_) return std::nullopt;
  if (phase_ == Phase::done) return std::chrono::nanoseconds{0};
  // The strokes left, each as long as the part of the span with a back.
  const auto [upper, lower] = stroke(fit);
  const auto speed = std::min(step_.speed, fit.limits().travel_speed_near_body);
  const double seconds = (lower - upper).value() / speed.value() * (step_.passes - passes_);
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double>(seconds));
}

std::string RollingRunner::doing() const {
  switch (phase_) {
    case Phase::to_start:
      return passes_ == 0 ? "moving to the top of the span" : "moving to where the back is";
    case Phase::find_back:
      return "finding the back";
    case Phase::rolling:
      return std::string(down_ ? "rolling down" : "rolling up") + ", pass " +
             std::to_string(passes_ + 1) + " of " + std::to_string(step_.passes);
    case Phase::done:
      return "done";
  }
  return "done";
}

}  // namespace session
