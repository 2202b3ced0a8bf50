#include "daemon/calibration/depth_zero.hpp"

#include "daemon/calibration/held_retracted.hpp"

namespace calibration {
namespace {

// Closer than this from one cycle to the next: the depth axis is not moving.
constexpr units::Millimetres kDepthStill{0.02};

}  // namespace

void DepthRestRecord::set(DepthRest rest) {
  const std::lock_guard lock(mutex_);
  rest_ = std::move(rest);
}

DepthRest DepthRestRecord::get() const {
  const std::lock_guard lock(mutex_);
  return rest_;
}

DepthZeroSearch::DepthZeroSearch(DepthZeroSpec spec, std::shared_ptr<DepthRestRecord> record)
    : spec_(spec), record_(std::move(record)) {}

control::SetpointRequest DepthZeroSearch::next(const control::ChairMeasurement& measured,
                                               std::chrono::nanoseconds run_time) {
  if (!hold_) hold_ = held_retracted(measured);
  if (finished_) return {*hold_, {}};
  const bool moved = !last_position_ || units::abs(measured.depth - *last_position_) > kDepthStill;
  last_position_ = measured.depth;
  if (moved) still_since_ = run_time;
  if (!rest_.position && run_time - still_since_ >= spec_.still_for) {
    rest_.position = measured.depth;
  }
  if (rest_.position) {
    rest_.raw_forces.push_back(measured.raw_force);
    if (rest_.raw_forces.size() >= spec_.samples) finished_ = true;
  } else if (run_time > spec_.patience) {
    rest_.timed_out = true;
    finished_ = true;
  }
  if (finished_) record_->set(rest_);
  return {*hold_, {}};
}

}  // namespace calibration
