#include "sim/observer/contact_rules.hpp"

#include <cmath>

namespace sim {

units::Newtons region_ceiling(BackRegion region, const ObserverThresholds& limits) {
  switch (region) {
    case BackRegion::neck:
      return limits.neck_force;
    case BackRegion::thoracic:
      return limits.thoracic_force;
    case BackRegion::kidney_zone:
      return limits.kidney_force;
    case BackRegion::lumbar:
      return limits.lumbar_force;
  }
  return limits.kidney_force;  // the lowest, should a region ever be added without a ceiling
}

void check_contact(const ObservedWorld& world, const UnderRollers& under,
                   const ObserverThresholds& limits, FindingLog& log) {
  if (under.touching && world.lateral() < limits.midline_clearance) {
    log.flag(ObserverRule::spine_contact, std::nullopt, world, under, world.lateral().value(),
             limits.midline_clearance.value(), "mm from the midline", FindingLog::Worse::lower);
  }
  if (under.touching && under.region) {
    const auto ceiling = region_ceiling(*under.region, limits) * (1.0 + limits.force_tolerance);
    if (world.contact > ceiling) {
      log.flag(ObserverRule::region_force, std::nullopt, world, under, world.contact.value(),
               ceiling.value(), "N");
    }
  }
  const double tapping = std::abs(world.axis(hal::AxisKind::tap).speed.value());
  const bool near_back = under.touching || (under.gap && *under.gap <= limits.tapping_reach);
  if (under.region == BackRegion::kidney_zone && near_back && tapping >= limits.turning.value()) {
    log.flag(ObserverRule::kidney_tapping, hal::AxisKind::tap, world, under, tapping, 0.0, "rpm");
  }
}

}  // namespace sim
