#pragma once

#include <chrono>

#include "units/units.hpp"

// Where the safety observer draws the line between safe and unsafe. Every number is a hard fact
// about people and about the hardware, stated here on purpose rather than read from the daemon:
// the observer is a second witness, so it shares no code and no configuration with the daemon
// (whose [safety] section may only tighten these ceilings, never loosen them). docs/safety.md
// gives each threshold with its source:
// - domain: the massage and anatomy facts docs/programs.md cites ("The safety rules");
// - datasheet: the RA-1 actuator interface (axis maxima, homing, the quick stop);
// - ceilings: the chair's hard ceilings, the limits no configuration can raise (the daemon keeps
//   its own copy in daemon/safety/hard_ceilings.hpp, which this file must never include).
namespace sim {

struct ObserverThresholds {
  // ---- contact ----
  // The body's force on the rollers from which they touch it. The simulator's truth carries no
  // sensor noise, so half a newton is a real touch, not jitter.
  units::Newtons touch{0.5};
  // Each roller's centre keeps at least this far from the spine's midline while touching (the
  // spinous processes: "never press here", domain; the ceilings' midline clearance, 20 mm).
  units::Millimetres midline_clearance{20.0};
  // The contact force of the roller pair by region of the back (ceilings: neck 15 N, thoracic
  // 40 N, lumbar and sacral 30 N, the kidney zone T12-L3 8 N, "no deep pressure", domain).
  units::Newtons neck_force{15.0};
  units::Newtons thoracic_force{40.0};
  units::Newtons lumbar_force{30.0};
  units::Newtons kidney_force{8.0};
  // A force ceiling is exceeded beyond this fraction of it: the daemon regulates force through a
  // load cell with its own calibration error (up to a few percent) and acts a cycle after it
  // reads, so a press may overshoot its target briefly by a little.
  double force_tolerance = 0.10;

  // ---- a static hold (ischemic compression: 30-60 s, a hard cap of 90 s, domain) ----
  std::chrono::seconds hold_longest{90};
  // Contact that stays within this of where it began is on one spot.
  units::Millimetres hold_radius{15.0};
  // A press, not a touch: below this the tissue's blood flow is not held back (the simulated
  // body's own threshold for releasing a nodule, hal/sim/chair/seated_body.cpp, kMinPressure).
  units::Newtons hold_press{5.0};

  // ---- the body scan (domain: the roller climbs the back at light pressure) ----
  // The scan's light press (ceilings: 12 N for the body scan), with force_tolerance on top.
  units::Newtons scan_force{12.0};
  // A climb counts as the scan when it touched the back from at least this fraction of the way
  // from the shoulders to the back's end (mid-back)...
  double scan_start_fraction = 0.5;
  // ...up to within this of the top of the shoulders, where the scan finds them.
  units::Millimetres scan_shoulder_reach{20.0};
  // A climb may slip back down this much and still be one climb.
  units::Millimetres scan_backtrack{5.0};

  // ---- motion ----
  // Rollers touching the back move no faster than this (ceilings: travel 80 mm/s, width
  // 30 mm/s, depth 25 mm/s toward the back, "motion while the rollers touch the back").
  units::MillimetresPerSecond travel_near_body{80.0};
  units::MillimetresPerSecond width_near_body{30.0};
  units::MillimetresPerSecond depth_near_body{25.0};
  // The eccentrics, at any time (ceilings: knead 90 rpm, the datasheet's maximum too; tap
  // 600 rpm, below the datasheet's 720 rpm).
  units::Rpm knead_speed{90.0};
  units::Rpm tap_speed{600.0};
  // A speed is exceeded beyond this fraction of it (a trapezoid's rounding, one step late).
  double speed_tolerance = 0.05;
  // Slower than this an axis stands still: mm/s for linear axes, rpm for the eccentrics.
  double standstill = 0.5;
  // An eccentric turning faster than this kneads or taps.
  units::Rpm turning{5.0};
  // Tapping counts as over the kidney zone when the rollers touch the back there or stand
  // within this of it: the tapping eccentric strikes across a few millimetres.
  units::Millimetres tapping_reach{10.0};
};

}  // namespace sim
