#pragma once

#include <string>
#include <string_view>
#include <vector>

// The supervisor's rules, and what one of them did to a setpoint. A rule clamps what is a matter
// of degree (a force, a speed, a range) and refuses what is a matter of place or precondition
// (the midline, tapping over the kidneys, pressing before the body scan); every action is kept
// in the decision so that tests and the API can show which rules acted.
namespace safety {

enum class Rule {
  travel_range,             // the travel target lies outside the calibrated range
  width_range,              // the rollers' spacing lies outside the calibrated range
  depth_range,              // the depth target lies outside the calibrated range
  travel_speed,             // faster than allowed (near the body, or the axis's maximum)
  knead_speed,              // kneading faster than allowed
  tap_speed,                // tapping faster than allowed
  depth_needs_body_scan,    // a massage presses before the body scan is done
  depth_needs_calibration,  // pressing with a calibration that is not valid
  midline,                  // pressing with a roller too close to the spine's midline
  compression_time,         // a hold on one spot reached its time limit: release
  kidney_tapping,           // tapping over the kidney zone (T12..L3)
  tapping_needs_body_scan,  // tapping while the kidneys' place is unknown
  region_force,             // the region's force ceiling (neck, thoracic, lumbar)
  kidney_pressure,          // the kidney zone's low force ceiling
  person_intensity,         // the person's own maximum intensity
  purpose_force,            // the body scan's or service work's force ceiling
  touch_only,               // the source does not mean to press: a touch at most
  session_time,             // the session's time is over
};

[[nodiscard]] std::string_view to_string(Rule rule);

enum class Verdict {
  clamped,  // the setpoint went through, reduced to the limit
  refused,  // that part of the setpoint was replaced by the safe alternative
};

[[nodiscard]] std::string_view to_string(Verdict verdict);

struct RuleAction {
  Rule rule = Rule::travel_range;
  Verdict verdict = Verdict::clamped;
  std::string detail;  // for a person: what was asked, what was allowed, and why

  bool operator==(const RuleAction&) const = default;
};

// Whether `rule` is among `actions`.
[[nodiscard]] bool acted(const std::vector<RuleAction>& actions, Rule rule);

}  // namespace safety
