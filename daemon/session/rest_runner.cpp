#include "daemon/session/rest_runner.hpp"

#include "daemon/session/reposition.hpp"

namespace session {

RollerAim RestRunner::next(const StepCycle& cycle, const Fitting& fit) {
  if (!stand_at_) {
    stand_at_ = cycle.measured.travel;
    lateral_ = cycle.measured.lateral;
  }
  rested_ += cycle.dt;
  RollerAim aim;
  aim.travel = *stand_at_;
  aim.speed = near_body_speed(fit.limits());
  aim.lateral = *lateral_;
  aim.depth = control::DepthRetracted{};
  return aim;
}

}  // namespace session
