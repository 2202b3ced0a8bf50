#include "daemon/session/live_adjustments.hpp"

#include <cstdlib>

namespace session {
namespace {

std::string signed_steps(int n, const char* unit) {
  return (n > 0 ? "+" : "") + std::to_string(n) + " " + unit;
}

}  // namespace

std::optional<std::string> LiveAdjustments::not_running() const {
  if (over_) return "the program has ended";
  if (!running_)
    return "the program has not started yet: the body scan is still finding your "
           "shoulders";
  return std::nullopt;
}

control::CommandReply LiveAdjustments::shift_intensity(int by) {
  const std::lock_guard lock(mutex_);
  if (over_) return {false, "cannot change the intensity: the program has ended"};
  const int wanted = intensity_shift_ + by;
  if (std::abs(wanted) > kMostIntensityShift) {
    return {false, by > 0 ? "the program is already as strong as it gets"
                          : "the program is already as light as it gets; stop the session if it "
                            "is still too strong"};
  }
  intensity_shift_ = wanted;
  return {true, std::string(by > 0 ? "stronger" : "lighter") + ": the program now works at " +
                    signed_steps(wanted, "intensity steps") + " from how it was written"};
}

control::CommandReply LiveAdjustments::shift_focus(int by) {
  const std::lock_guard lock(mutex_);
  if (over_) return {false, "cannot move the focus: the program has ended"};
  const int wanted = focus_shift_ + by;
  if (std::abs(wanted) > kMostFocusShift) {
    return {false, "the focus is already " + std::to_string(std::abs(focus_shift_)) + " levels " +
                       (focus_shift_ < 0 ? "up" : "down") +
                       " the back, the most it moves; choose a program for that part of the back"};
  }
  focus_shift_ = wanted;
  return {true, std::string("the work moves ") + (by < 0 ? "up" : "down") + " the back: now " +
                    signed_steps(wanted, "levels") + " from the program's"};
}

control::CommandReply LiveAdjustments::more() { return shift_intensity(+1); }
control::CommandReply LiveAdjustments::less() { return shift_intensity(-1); }
control::CommandReply LiveAdjustments::focus_up() { return shift_focus(-1); }
control::CommandReply LiveAdjustments::focus_down() { return shift_focus(+1); }

control::CommandReply LiveAdjustments::tender() {
  const std::lock_guard lock(mutex_);
  if (const auto why = not_running()) return {false, "nothing presses: " + *why};
  ++tender_;
  return {true, "easing off: this spot is worked more gently for the rest of the session"};
}

control::CommandReply LiveAdjustments::hold_here() {
  const std::lock_guard lock(mutex_);
  if (const auto why = not_running()) return {false, "cannot hold here: " + *why};
  ++hold_here_;
  return {true, "holding this spot for a compression, then the program carries on"};
}

result::Expected<ShoulderPosition, std::string> LiveAdjustments::nudge_shoulder(
    int steps, const bodymap::ChairGeometry& geometry, const safety::Calibration& calibration) {
  const std::lock_guard lock(mutex_);
  if (const auto why = not_running()) {
    return result::unexpected("cannot move the shoulder position: " + *why);
  }
  auto moved = nudged(*shoulder_, steps, geometry, calibration, back_end_);
  if (!moved) return moved;
  auto body = fit_body(*moved, geometry, calibration, back_end_);
  if (!body) return result::unexpected(body.error());
  shoulder_ = *moved;
  nudged_body_ = std::move(*body);
  return *moved;
}

void LiveAdjustments::begin(const ShoulderPosition& shoulder,
                            std::optional<units::Millimetres> back_end) {
  const std::lock_guard lock(mutex_);
  running_ = true;
  shoulder_ = shoulder;
  back_end_ = back_end;
}

std::optional<LiveAdjustments::BodyFit> LiveAdjustments::take_fit() {
  const std::lock_guard lock(mutex_);
  if (!shoulder_ || fit_taken_) return std::nullopt;
  fit_taken_ = true;
  return BodyFit{*shoulder_, back_end_};
}

std::optional<units::Millimetres> LiveAdjustments::back_end() const {
  const std::lock_guard lock(mutex_);
  return back_end_;
}

void LiveAdjustments::finish() {
  const std::lock_guard lock(mutex_);
  over_ = true;
}

LiveAdjustments::Changes LiveAdjustments::take() {
  const std::lock_guard lock(mutex_);
  Changes changes;
  changes.intensity_shift = intensity_shift_;
  changes.focus_shift = focus_shift_;
  changes.tender = std::exchange(tender_, 0);
  changes.hold_here = std::exchange(hold_here_, 0);
  changes.body = std::exchange(nudged_body_, std::nullopt);
  if (changes.body) changes.shoulder = shoulder_;
  return changes;
}

}  // namespace session
