#include "sim/observer/finding.hpp"

#include <cstdio>

namespace sim {
namespace {

std::string_view rule_text(ObserverRule rule) {
  switch (rule) {
    case ObserverRule::spine_contact:
      return "a roller touching the back within the spine's midline clearance";
    case ObserverRule::region_force:
      return "contact force above the ceiling of the region of the back it presses";
    case ObserverRule::kidney_tapping:
      return "tapping over the kidney zone";
    case ObserverRule::hold_too_long:
      return "contact held on one spot longer than the hold cap";
    case ObserverRule::moving_after_quick_stop:
      return "moving after a quick stop, before the drive was reset";
    case ObserverRule::moving_unhomed:
      return "moving while not homed";
    case ObserverRule::contact_before_scan:
      return "pressing the back harder than a scan before the body scan ran";
    case ObserverRule::too_fast_near_body:
      return "moving faster than its ceiling while the rollers touch the back";
    case ObserverRule::eccentric_too_fast:
      return "turning faster than its ceiling";
  }
  return "?";
}

std::string seconds_text(std::chrono::nanoseconds t) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", std::chrono::duration<double>(t).count());
  return text;
}

std::string one_decimal(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", v);
  return text;
}

}  // namespace

std::string_view to_string(ObserverRule rule) {
  switch (rule) {
    case ObserverRule::spine_contact:
      return "spine_contact";
    case ObserverRule::region_force:
      return "region_force";
    case ObserverRule::kidney_tapping:
      return "kidney_tapping";
    case ObserverRule::hold_too_long:
      return "hold_too_long";
    case ObserverRule::moving_after_quick_stop:
      return "moving_after_quick_stop";
    case ObserverRule::moving_unhomed:
      return "moving_unhomed";
    case ObserverRule::contact_before_scan:
      return "contact_before_scan";
    case ObserverRule::too_fast_near_body:
      return "too_fast_near_body";
    case ObserverRule::eccentric_too_fast:
      return "eccentric_too_fast";
  }
  return "?";
}

std::string_view to_string(BackRegion region) {
  switch (region) {
    case BackRegion::neck:
      return "neck";
    case BackRegion::thoracic:
      return "thoracic";
    case BackRegion::kidney_zone:
      return "kidney zone";
    case BackRegion::lumbar:
      return "lumbar";
  }
  return "?";
}

std::string Finding::describe() const {
  std::string text = "at " + seconds_text(began) + " s";
  if (ended > began) text += " to " + seconds_text(ended) + " s";
  text += ": ";
  if (axis) text += std::string(hal::to_string(*axis)) + " ";
  text += std::string(rule_text(rule)) + ": " + one_decimal(value) + " " + std::string(unit) +
          ", limit " + one_decimal(limit) + " " + std::string(unit) + "; rollers at " +
          one_decimal(travel.value()) + " mm on the track, " + one_decimal(lateral.value()) +
          " mm from the midline";
  if (region) text += " (" + std::string(to_string(*region)) + ")";
  return text;
}

}  // namespace sim
