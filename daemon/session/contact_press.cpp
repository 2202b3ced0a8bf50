#include "daemon/session/contact_press.hpp"

#include <algorithm>

namespace session {
namespace {

// Pressing has lost the back when the force falls under this share of the target.
constexpr double kLostShare = 0.3;
// Within this of its reach, the depth axis has reached as far as it goes.
constexpr units::Millimetres kReachTolerance{1.0};

}  // namespace

control::DepthSetpoint ContactPress::depth(units::Newtons target,
                                           const control::ChairMeasurement& measured,
                                           units::Newtons smoothed, std::chrono::nanoseconds dt) {
  if (!touching_ && measured.force >= kContactForce) touching_ = true;
  const auto deepest = reach_ + kBeyondReach;
  if (touching_ && smoothed < target * kLostShare && measured.force < kContactForce) {
    touching_ = false;
    searching_to_ = units::clamp(measured.depth + kBeyondReach, reach_, deepest);
  }
  if (touching_) {
    searching_ = std::chrono::nanoseconds{0};
    at_reach_ = std::chrono::nanoseconds{0};
    // A back leaning away is followed only so far: there the rollers press it as they can.
    if (measured.depth >= deepest - kReachTolerance && measured.force < target) {
      return control::DepthPosition{deepest};
    }
    return control::DepthForce{target};
  }
  searching_ += dt;
  at_reach_ = out_of_reach(measured) ? at_reach_ + dt : std::chrono::nanoseconds{0};
  return control::DepthPosition{searching_to_};
}

bool ContactPress::out_of_reach(const control::ChairMeasurement& measured) const {
  return !touching_ && measured.depth >= searching_to_ - kReachTolerance;
}

bool ContactPress::no_back() const {
  return !touching_ && (at_reach_ >= kAtFullReach || searching_ >= kLongestSearch);
}

void ContactPress::lift() {
  touching_ = false;
  searching_to_ = reach_;
  searching_ = std::chrono::nanoseconds{0};
  at_reach_ = std::chrono::nanoseconds{0};
}

}  // namespace session
