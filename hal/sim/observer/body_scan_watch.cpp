#include "sim/observer/body_scan_watch.hpp"

#include <algorithm>

namespace sim {

void BodyScanWatch::seat() {
  scanned_ = false;
  touched_ = false;
  top_ = units::Millimetres(0.0);
}

void BodyScanWatch::restart_climb(units::Millimetres travel) {
  top_ = travel;
  touched_ = false;
}

void BodyScanWatch::check(const ObservedWorld& world, const UnderRollers& under,
                          const ObserverThresholds& limits, FindingLog& log) {
  if (scanned_ || world.body == nullptr || !world.body->seated) return;
  const auto light = limits.scan_force * (1.0 + limits.force_tolerance);
  if (world.contact > light) {
    log.flag(ObserverRule::contact_before_scan, std::nullopt, world, under, world.contact.value(),
             light.value(), "N");
    restart_climb(world.travel());
    return;
  }
  const auto travel = world.travel();
  if (travel > top_ + limits.scan_backtrack) restart_climb(travel);  // going down: no climb
  top_ = std::min(top_, travel);
  if (!under.touching) return;
  if (!touched_) {
    touched_ = true;
    lowest_touch_ = travel;
    highest_touch_ = travel;
  }
  lowest_touch_ = std::max(lowest_touch_, travel);
  highest_touch_ = std::min(highest_touch_, travel);
  const auto& body = *world.body;
  const bool from_mid_back =
      back_fraction(body, lowest_touch_.value()) >= limits.scan_start_fraction;
  const bool up_to_shoulders = highest_touch_ <= body.shoulder_travel + limits.scan_shoulder_reach;
  scanned_ = from_mid_back && up_to_shoulders;
}

}  // namespace sim
