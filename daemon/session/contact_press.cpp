#include "daemon/session/contact_press.hpp"

namespace session {
namespace {

// Pressing has lost the back when the force falls under this share of the target.
constexpr double kLostShare = 0.3;
// Within this of its reach, the depth axis has reached as far as it goes.
constexpr units::Millimetres kReachTolerance{1.0};

}  // namespace

control::DepthSetpoint ContactPress::depth(units::Newtons target,
                                           const control::ChairMeasurement& measured,
                                           units::Newtons smoothed) {
  if (!touching_ && measured.force >= kContactForce) touching_ = true;
  if (touching_ && smoothed < target * kLostShare && measured.force < kContactForce) {
    touching_ = false;
  }
  if (touching_) return control::DepthForce{target};
  return control::DepthPosition{reach_};
}

bool ContactPress::out_of_reach(const control::ChairMeasurement& measured) const {
  return !touching_ && measured.depth >= reach_ - kReachTolerance;
}

}  // namespace session
