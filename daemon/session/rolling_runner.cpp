#include "daemon/session/rolling_runner.hpp"

#include <algorithm>

#include "daemon/session/reposition.hpp"

namespace session {

RollingRunner::RollingRunner(programs::Rolling step)
    : step_(std::move(step)), contact_(kBackReach) {}

RollerAim RollingRunner::next(const StepCycle& cycle, const Fitting& fit) {
  const auto& measured = cycle.measured;
  const auto top = fit.place(step_.span.top, step_.target);
  const auto bottom = fit.place(step_.span.bottom, step_.target);
  const RollerPlace start{top.travel, top.lateral};
  if (phase_ == Phase::to_start) {
    if (!at(start, measured)) return reposition(start, measured, fit.calibration(), fit.limits());
    phase_ = Phase::find_back;
    finding_ = std::chrono::nanoseconds{0};
    contact_.lift();
  }

  const auto end = down_ ? bottom.travel : top.travel;
  const auto level = fit.body().level_at(measured.travel);
  const auto force =
      fit.moving_force(step_.intensity, level, anatomy::Side::both, measured.travel, end);
  RollerAim aim;
  aim.lateral = top.lateral;
  aim.pressing = phase_ != Phase::done;
  aim.speed = std::min(step_.speed, fit.limits().travel_speed_near_body);
  aim.depth = aim.pressing ? contact_.depth(force, measured, cycle.force)
                           : control::DepthSetpoint{control::DepthRetracted{}};
  if (aim.pressing) aim.force = force;
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

std::string RollingRunner::doing() const {
  switch (phase_) {
    case Phase::to_start:
      return "moving to the top of the span";
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
