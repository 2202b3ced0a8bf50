#include "daemon/safety/force_ceiling.hpp"

#include <algorithm>

#include "daemon/safety/compression_hold.hpp"

namespace safety {
namespace {

units::Newtons ceiling_of(const SafetyLimits& limits, anatomy::Region region) {
  switch (region) {
    case anatomy::Region::neck:
      return limits.region_force.neck;
    case anatomy::Region::thoracic:
      return limits.region_force.thoracic;
    case anatomy::Region::kidney:
      return limits.region_force.kidney;
    case anatomy::Region::lumbar:
    case anatomy::Region::sacral:
      return limits.region_force.lumbar;
  }
  return kTouchForce;
}

ForceCeiling region_ceiling(const SafetyLimits& limits, const bodymap::BodyMap& body,
                            units::Millimetres travel) {
  ForceCeiling out;
  bool first = true;
  constexpr int kSamples = 5;  // travel - lookahead .. travel + lookahead
  for (int i = 0; i < kSamples; ++i) {
    const auto at = travel - kRegionLookahead +
                    kRegionLookahead * (2.0 * static_cast<double>(i) / (kSamples - 1));
    const auto region = body.region_at(at);
    const auto force = ceiling_of(limits, region);
    if (first || force < out.force) {
      out.force = force;
      out.rule = region == anatomy::Region::kidney ? Rule::kidney_pressure : Rule::region_force;
      out.why = "the " + std::string(anatomy::to_string(region)) + " region's ceiling";
      first = false;
    }
  }
  return out;
}

}  // namespace

ForceCeiling force_ceiling(const SafetyLimits& limits, const control::SetpointContext& context,
                           units::Millimetres travel) {
  ForceCeiling out;
  if (!context.engage_depth) {
    out = {kTouchForce, Rule::touch_only, "a touch, as the source does not mean to press"};
  } else if (context.purpose == control::Purpose::body_scan) {
    out = {limits.body_scan_force, Rule::purpose_force, "the body scan's ceiling"};
  } else if (context.purpose == control::Purpose::service) {
    out = {limits.service_force, Rule::purpose_force, "the service ceiling"};
  } else if (context.body) {
    out = region_ceiling(limits, *context.body, travel);
  } else {
    out = {kTouchForce, Rule::depth_needs_body_scan, "a touch, as the body scan is not done"};
  }
  if (context.max_intensity && *context.max_intensity < out.force) {
    out = {std::max(*context.max_intensity, units::Newtons(0.0)), Rule::person_intensity,
           "the person's own maximum intensity"};
  }
  return out;
}

}  // namespace safety
