#include "daemon/calibration/jog.hpp"

#include <cstdio>

namespace calibration {

Jog::Jog(JogSpec spec, std::shared_ptr<DeadMan> dead_man)
    : spec_(spec), dead_man_(std::move(dead_man)) {}

std::string Jog::name() const {
  char step[32];
  std::snprintf(step, sizeof step, "%+.1f mm", spec_.step.value());
  return std::string("jog ") + std::string(hal::to_string(spec_.axis)) + " by " + step;
}

control::SetpointRequest Jog::next(const control::ChairMeasurement& measured,
                                   std::chrono::nanoseconds run_time) {
  if (!started_) {
    started_ = true;
    target_.travel = measured.travel;
    target_.lateral = measured.lateral;
    target_.travel_speed = spec_.speed;
    target_.depth = control::DepthRetracted{};
    if (spec_.axis == hal::AxisKind::width) {
      target_.lateral = measured.lateral + spec_.step / 2.0;
    } else {
      target_.travel = measured.travel + spec_.step;
    }
    seen_ = dead_man_->confirmations();
    last_confirmed_ = run_time;
  }
  if (const auto count = dead_man_->confirmations(); count != seen_) {
    seen_ = count;
    last_confirmed_ = run_time;
  }
  if (!stopped_ && (dead_man_->released() || run_time - last_confirmed_ > spec_.confirm_gap)) {
    // Stop where it stands: the target becomes the place it has reached.
    stopped_ = true;
    target_.travel = measured.travel;
    target_.lateral = measured.lateral;
  }
  if (spec_.axis == hal::AxisKind::width) {
    dead_man_->report(measured.lateral * 2.0, target_.lateral * 2.0);
  } else {
    dead_man_->report(measured.travel, target_.travel);
  }
  return {target_, {}};
}

}  // namespace calibration
