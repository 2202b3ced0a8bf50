#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "profile/axis_kind.hpp"
#include "sim/chair/back_anatomy.hpp"
#include "units/units.hpp"

// What the safety observer saw: one unsafe state of the simulated world, from when it began until
// it ended, with the worst value it reached. A value, to compare and print.
namespace sim {

enum class ObserverRule {
  spine_contact,            // a roller touching within the midline clearance of the spine
  region_force,             // contact force above the ceiling of the region it lands on
  kidney_tapping,           // the tapping eccentric turning over the kidney zone
  hold_too_long,            // contact held on one spot longer than the hold cap
  moving_after_quick_stop,  // an axis moving after its quick stop, before the drive was reset
  moving_unhomed,           // a linear axis moving that is not homed (other than its homing run)
  contact_before_scan,      // pressing the back before the body scan ran
  too_fast_near_body,       // travel, width or depth faster than their ceiling while touching
  eccentric_too_fast,       // the kneading or tapping eccentric above its ceiling
};

inline constexpr std::size_t kObserverRuleCount = 9;

std::string_view to_string(ObserverRule rule);

struct Finding {
  ObserverRule rule = ObserverRule::spine_contact;
  std::chrono::nanoseconds began{0};  // simulated time
  std::chrono::nanoseconds ended{0};  // the last step it was seen
  std::optional<hal::AxisKind> axis;  // none for rules about the contact as a whole
  // Where the rollers were when it began: on the track, each roller from the midline, and the
  // region of the back there (none when nobody is seated or above the shoulders' reach).
  units::Millimetres travel{0.0};
  units::Millimetres lateral{0.0};
  std::optional<BackRegion> region;
  double value = 0.0;  // the worst seen, in `unit`
  double limit = 0.0;  // what it may reach, in `unit`
  std::string_view unit;

  // One line a person can act on, e.g. "at 12.345 s: contact force 52.1 N above the thoracic
  // ceiling 44.0 N (40 N + 10 %), at 612 mm on the track, 35 mm from the midline (thoracic)".
  [[nodiscard]] std::string describe() const;

  bool operator==(const Finding&) const = default;
};

std::string_view to_string(BackRegion region);

}  // namespace sim
