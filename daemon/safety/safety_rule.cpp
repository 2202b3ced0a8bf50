#include "daemon/safety/safety_rule.hpp"

#include <algorithm>

namespace safety {

std::string_view to_string(Rule rule) {
  switch (rule) {
    case Rule::travel_range:
      return "travel_range";
    case Rule::width_range:
      return "width_range";
    case Rule::depth_range:
      return "depth_range";
    case Rule::travel_speed:
      return "travel_speed";
    case Rule::knead_speed:
      return "knead_speed";
    case Rule::tap_speed:
      return "tap_speed";
    case Rule::depth_needs_body_scan:
      return "depth_needs_body_scan";
    case Rule::depth_needs_calibration:
      return "depth_needs_calibration";
    case Rule::midline:
      return "midline";
    case Rule::compression_time:
      return "compression_time";
    case Rule::kidney_tapping:
      return "kidney_tapping";
    case Rule::tapping_needs_body_scan:
      return "tapping_needs_body_scan";
    case Rule::region_force:
      return "region_force";
    case Rule::kidney_pressure:
      return "kidney_pressure";
    case Rule::person_intensity:
      return "person_intensity";
    case Rule::purpose_force:
      return "purpose_force";
    case Rule::touch_only:
      return "touch_only";
    case Rule::session_time:
      return "session_time";
  }
  return "unknown";
}

std::string_view to_string(Verdict verdict) {
  return verdict == Verdict::clamped ? "clamped" : "refused";
}

bool acted(const std::vector<RuleAction>& actions, Rule rule) {
  return std::any_of(actions.begin(), actions.end(),
                     [rule](const RuleAction& a) { return a.rule == rule; });
}

}  // namespace safety
