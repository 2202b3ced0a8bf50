#include "daemon/session/body_scan.hpp"

#include <algorithm>

#include "daemon/session/reposition.hpp"
#include "units/quantity_text.hpp"

namespace session {
namespace {

// The force has dropped at half the scan's force...
constexpr double kDropShare = 0.65;
// ...and a dip has passed once it is back at this share.
constexpr double kRecoveredShare = 0.8;
// How the scan smooths the load cell's noise.
constexpr std::chrono::milliseconds kForceSmoothing{200};
// The back is lost under this force.
constexpr units::Newtons kLostForce{1.0};
// The climb starts once the force is this share of the scan's.
constexpr double kClimbingShare = 0.8;
// Reaching out for a back that ends above where the climb started (within kSeekingReach of
// there), and over the curve where it ends (kEndCurve above where they touched it), the rollers
// climb this slowly, so that they touch it gently.
constexpr units::MillimetresPerSecond kSlowClimb{3.0};
constexpr units::Millimetres kSeekingReach{150.0};
constexpr units::Millimetres kEndCurve{50.0};

}  // namespace

BodyScan::BodyScan(ScanSettings settings, bodymap::ChairGeometry geometry,
                   safety::Calibration calibration, safety::SafetyLimits limits)
    : settings_(settings),
      geometry_(geometry),
      calibration_(std::move(calibration)),
      limits_(limits),
      force_target_(std::min(settings.force, limits.body_scan_force)),
      force_(kForceSmoothing),
      future_(promise_.get_future().share()) {}

BodyScan::~BodyScan() {
  if (phase_ != Phase::done) {
    promise_.set_value(result::unexpected(
        ScanFailure{ScanProblem::interrupted,
                    "the body scan was interrupted before it found the shoulders; start the "
                    "session again to scan anew"}));
  }
}

units::Millimetres BodyScan::top() const {
  return calibration_.travel.inset(limits_.range_margin).min;
}

void BodyScan::end(ScanOutcome outcome) {
  if (phase_ == Phase::done) return;
  phase_ = Phase::done;
  promise_.set_value(std::move(outcome));
}

control::SetpointRequest BodyScan::next(const control::ChairMeasurement& measured,
                                        std::chrono::nanoseconds run_time) {
  const auto dt = last_run_time_ ? run_time - *last_run_time_ : std::chrono::nanoseconds{0};
  last_run_time_ = run_time;
  force_.update(measured.force, dt);

  const auto range = calibration_.travel.inset(limits_.range_margin);
  const RollerPlace start{range.clamp(geometry_.seat_travel - geometry_.s1_above_seat),
                          settings_.lateral};
  if (phase_ != Phase::done && run_time >= settings_.longest) {
    end(result::unexpected(ScanFailure{ScanProblem::interrupted,
                                       "the body scan did not end within " +
                                           std::to_string(settings_.longest.count()) +
                                           " s; check that nothing blocks the rollers, then start "
                                           "again"}));
  }

  control::SetpointRequest request;
  request.context.purpose = control::Purpose::body_scan;
  auto& s = request.setpoint;
  if (phase_ == Phase::to_start) {
    if (!at(start, measured)) {
      const auto aim = reposition(start, measured, calibration_, limits_);
      s.travel = aim.travel;
      s.travel_speed = aim.speed;
      s.lateral = aim.lateral;
      return request;
    }
    phase_ = Phase::find_back;
  }
  s.lateral = settings_.lateral;
  s.travel_speed = settings_.climb_speed;
  s.travel = phase_ == Phase::find_back ? start.travel : top();
  if (phase_ != Phase::done) {
    s.depth = contact_.depth(force_target_, measured, force_.value(), dt);
    if (contact_.touching() && !back_found_) {
      back_found_ = true;
      if (seeking_end_) back_end_ = measured.travel;
    }
  }
  if (phase_ == Phase::climb) {
    const bool seeking =
        seeking_end_ && !back_found_ && start.travel - measured.travel < kSeekingReach;
    // Over the curve where the back ends, it may come toward the rollers steeply.
    const bool over_the_end = back_end_ && *back_end_ - measured.travel < kEndCurve;
    s.travel_speed = pace_.next(over_the_end ? kSlowClimb : settings_.climb_speed, measured.force,
                                force_target_, limits_.body_scan_force, dt);
    if (seeking) s.travel_speed = kSlowClimb;
    // Found climbing: the carriage waits until the rollers press the back as at the start.
    if (back_found_ && !pressed_) pressed_ = force_.value() >= force_target_ * kClimbingShare;
    if (back_found_ && !pressed_) {
      s.travel = measured.travel;
      pace_.go_on_from(kSlowClimb);
    }
    watch_the_force(measured);
  }
  if (phase_ == Phase::done) {
    s.travel = measured.travel;
    s.depth = control::DepthRetracted{};
    return request;
  }
  request.context.engage_depth = true;
  if (phase_ == Phase::find_back) {
    const bool pressing = contact_.touching() && force_.value() >= force_target_ * kClimbingShare;
    // Nobody there, or someone sitting forward: climb anyway, reaching out for a back.
    if (pressing) {
      phase_ = Phase::climb;
      pressed_ = true;
      // Nothing tells yet how steeply the back rises above: the climb sets off slowly.
      pace_.go_on_from(kSlowClimb);
    } else if (contact_.out_of_reach(measured)) {
      phase_ = Phase::climb;
      seeking_end_ = !back_found_;  // the back, if any, ends higher up
    }
  }
  return request;
}

void BodyScan::watch_the_force(const control::ChairMeasurement& measured) {
  const auto force = force_.value();
  if (pressed_ && !drop_at_ && force < force_target_ * kDropShare) drop_at_ = measured.travel;
  if (drop_at_ && force >= force_target_ * kRecoveredShare) drop_at_.reset();  // only a dip
  if (pressed_ && drop_at_ && (force < kLostForce || !contact_.touching())) {
    // The smoothed force trails the true one by the filter's time constant, in which the rollers
    // climbed on: the force fell that far further down the back.
    const auto lag =
        settings_.climb_speed.value() * std::chrono::duration<double>(kForceSmoothing).count();
    end(ScannedBack{*drop_at_ + units::Millimetres(lag), back_end_});
    return;
  }
  if (units::abs(measured.travel - top()) > kThereAlongTrack) return;
  if (!back_found_) {
    end(result::unexpected(ScanFailure{
        ScanProblem::nobody_seated,
        "the body scan found nobody in the chair: the rollers touched no back from the lower "
        "back to the top of the track; sit back against the backrest and start again"}));
    return;
  }
  end(result::unexpected(ScanFailure{
      ScanProblem::shoulders_beyond_track,
      "the body scan felt the back all the way to the top of the track (" +
          units::mm_text(top(), 0) +
          "): the shoulders lie beyond the rollers' reach; sit lower in the chair and start "
          "again"}));
}

std::string BodyScan::doing() const {
  switch (phase_) {
    case Phase::to_start:
      return "scanning: moving to the lower back";
    case Phase::find_back:
      return "scanning: finding the back";
    case Phase::climb:
      return back_found_ ? "scanning: climbing the back" : "scanning: looking for the back";
    case Phase::done:
      return "scanning: done";
  }
  return "scanning";
}

}  // namespace session
