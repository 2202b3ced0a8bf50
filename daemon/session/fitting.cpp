#include "daemon/session/fitting.hpp"

#include <algorithm>

#include "daemon/session/pressing_force.hpp"

namespace session {
namespace {

bool same_side(anatomy::Side a, anatomy::Side b) {
  return a == b || a == anatomy::Side::both || b == anatomy::Side::both;
}

}  // namespace

Fitting::Fitting(bodymap::BodyMap body, safety::SafetyLimits limits,
                 safety::Calibration calibration, programs::Intensity most_intensity)
    : body_(std::move(body)),
      limits_(limits),
      calibration_(std::move(calibration)),
      most_(most_intensity) {}

anatomy::VertebralLevel Fitting::focus(anatomy::VertebralLevel level,
                                       const programs::LateralTarget& target) const {
  auto moved = anatomy::shifted(level, focus_shift_);
  if (const auto* muscle = std::get_if<anatomy::Muscle>(&target)) {
    const auto reach = anatomy::vertical_span(*muscle);
    moved = std::clamp(moved, reach.top, reach.bottom);
  }
  return moved;
}

ChairPlacement Fitting::place(anatomy::VertebralLevel level,
                              const programs::LateralTarget& target) const {
  return place_on_chair(AnatomicalSpot{focus(level, target), target, anatomy::Side::both}, body_,
                        calibration_, limits_);
}

int Fitting::intensity(programs::Intensity written, anatomy::VertebralLevel level,
                       anatomy::Side side) const {
  using programs::Intensity;
  int out = std::clamp(written.level() + intensity_shift_, Intensity::kLightest, most_.level());
  for (const auto& spot : tender_) {
    if (spot.level == level && same_side(spot.side, side)) out = std::min(out, spot.most_intensity);
  }
  return std::max(out, Intensity::kLightest);
}

units::Newtons Fitting::force(programs::Intensity written, anatomy::VertebralLevel level,
                              anatomy::Side side, units::Millimetres here,
                              units::Millimetres there) const {
  return force_of(intensity(written, level, side), region_ceiling(limits_, body_, here, there));
}

units::Newtons Fitting::moving_force(programs::Intensity written, anatomy::VertebralLevel level,
                                     anatomy::Side side, units::Millimetres here,
                                     units::Millimetres there) const {
  const auto ceiling = region_ceiling(limits_, body_, here, there);
  const auto moving = std::min(ceiling, std::max(ceiling * kMovingShare, kMovingFloor));
  return force_of(intensity(written, level, side), moving);
}

TenderSpot Fitting::mark_tender(anatomy::VertebralLevel level, anatomy::Side side, int hurt_at) {
  const int cap = std::max(hurt_at - kTenderEasing, programs::Intensity::kLightest);
  for (auto& spot : tender_) {
    if (spot.level == level && spot.side == side) {
      spot.most_intensity = std::min(spot.most_intensity, cap);
      return spot;
    }
  }
  tender_.push_back(TenderSpot{level, side, cap});
  return tender_.back();
}

control::SetpointContext Fitting::context(bool pressing, units::Millimetres here,
                                          units::Millimetres there,
                                          std::optional<units::Newtons> force) const {
  control::SetpointContext context;
  context.purpose = control::Purpose::massage;
  context.body = body_;
  context.engage_depth = pressing;
  auto most = force_of(most_.level(), region_ceiling(limits_, body_, here, there));
  if (force) most = std::min(most, *force * kForceHeadroom + kForceSlack);
  context.max_intensity = most;
  return context;
}

}  // namespace session
