#include "daemon/calibration/end_stop_search.hpp"

namespace calibration {
namespace {

// Calibration runs with nobody in the chair and never presses.
}  // namespace
namespace {

// Closer than this from one cycle to the next: not moving.
constexpr units::Millimetres kStill{0.02};

}  // namespace

void ReachRecord::set(AxisReach reach) {
  const std::lock_guard lock(mutex_);
  reach_ = reach;
}

AxisReach ReachRecord::get() const {
  const std::lock_guard lock(mutex_);
  return reach_;
}

EndStopSearch::EndStopSearch(EndStopSearchSpec spec, std::shared_ptr<ReachRecord> record)
    : spec_(spec), record_(std::move(record)) {}

std::string EndStopSearch::name() const {
  return std::string("calibration: finding the ") + std::string(hal::to_string(spec_.axis)) +
         " axis's end stops";
}

units::Millimetres EndStopSearch::position_of(const control::ChairMeasurement& measured) const {
  return spec_.axis == hal::AxisKind::width ? measured.lateral * 2.0 : measured.travel;
}

control::SetpointRequest EndStopSearch::next(const control::ChairMeasurement& measured,
                                             std::chrono::nanoseconds run_time) {
  if (!started_) {
    started_ = true;
    start_.travel = measured.travel;
    start_.lateral = measured.lateral;
    start_.depth = control::DepthRetracted{};
    leg_began_ = run_time;
    still_since_ = run_time;
  }
  const auto position = position_of(measured);
  const bool moved = !last_position_ || units::abs(position - *last_position_) > kStill;
  last_position_ = position;
  if (moved) still_since_ = run_time;
  // At rest only once the leg has had time to get going.
  const bool at_rest =
      run_time - leg_began_ > spec_.still_for * 2 && run_time - still_since_ >= spec_.still_for;
  if (!finished_ && at_rest) {
    if (!going_up_) {
      reach_.low = position;
      going_up_ = true;
      leg_began_ = run_time;
      still_since_ = run_time;
    } else {
      reach_.high = position;
      finished_ = true;
    }
    record_->set(reach_);
  } else if (!finished_ && run_time - leg_began_ > spec_.patience) {
    reach_.timed_out = true;
    finished_ = true;
    record_->set(reach_);
  }
  auto setpoint = start_;
  const auto target = going_up_ ? spec_.high_target : spec_.low_target;
  if (spec_.axis == hal::AxisKind::width) {
    setpoint.lateral = target / 2.0;
  } else {
    setpoint.travel = target;
    setpoint.travel_speed = spec_.speed;
  }
  if (finished_) {
    setpoint.travel = measured.travel;
    setpoint.lateral = measured.lateral;
  }
  return {setpoint, {}};
}

}  // namespace calibration
