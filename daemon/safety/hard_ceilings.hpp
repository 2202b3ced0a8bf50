#pragma once

#include <chrono>

#include "units/units.hpp"

// The limits no configuration can lift. The [safety] section may only tighten them: a value
// beyond one of these is refused when the configuration is read, naming the ceiling. The forces
// and the hold rest on the studies docs/programs.md cites ("How firmly: intensity",
// "compression"): a useful focal force is about 20 N (Chen et al. 2022) and a thumb reaches
// 90-130 N, so nothing here lets a roller press anywhere near that; a static hold ends within
// 90 s (Travell and Simons). The chair's own rules add: a session lasts at most 30 minutes; the
// spine's midline is never pressed (docs/programs.md, "The safety rules").
namespace safety::ceiling {

using namespace std::chrono_literals;

// Each roller stays at least this far from the midline whenever depth is engaged (a floor).
inline constexpr units::Millimetres kMidlineClearance{20.0};

// Contact force, after the load cell's calibration, by region of the back.
inline constexpr units::Newtons kNeckForce{15.0};
inline constexpr units::Newtons kThoracicForce{40.0};
inline constexpr units::Newtons kLumbarForce{30.0};  // lumbar and sacral
inline constexpr units::Newtons kKidneyForce{8.0};   // T12..L3: no deep pressure
// Above this the chair faults at once: well below a thumb's 90 N.
inline constexpr units::Newtons kForceFault{60.0};
// The body scan climbs the back at light pressure; service work (calibration, jogging) needs a
// firm press against a reference load, with nobody in the chair.
inline constexpr units::Newtons kBodyScanForce{12.0};
inline constexpr units::Newtons kServiceForce{50.0};

// A static compression on one spot (ischemic compression: 30-60 s, 90 s at most).
inline constexpr std::chrono::seconds kCompressionHold{90};
// The release after it lasts at least this long before the spot may be pressed again (a floor).
inline constexpr std::chrono::seconds kRelease{5};

// The session: 15 minutes by default, extended in 5-minute steps, never beyond 30.
inline constexpr std::chrono::minutes kSession{30};
inline constexpr std::chrono::minutes kSessionStep{5};

// Motion while the rollers touch the back.
inline constexpr units::MillimetresPerSecond kTravelSpeedNearBody{80.0};
inline constexpr units::MillimetresPerSecond kWidthSpeedNearBody{30.0};
inline constexpr units::MillimetresPerSecond kDepthSpeedNearBody{25.0};
inline constexpr units::MillimetresPerSecondSquared kAccelerationNearBody{500.0};
inline constexpr units::Rpm kKneadSpeed{90.0};
inline constexpr units::Rpm kTapSpeed{600.0};

// Targets keep at least this far inside the calibrated ranges (a floor).
inline constexpr units::Millimetres kRangeMargin{2.0};

// Fault thresholds of the controller's own watch (the drives have theirs too).
inline constexpr units::Milliamperes kStallCurrent{6000.0};
inline constexpr std::chrono::milliseconds kStallTime{1000};
inline constexpr units::Celsius kMotorTemperature{80.0};  // the RA-1's own alarm
inline constexpr units::Millimetres kFollowingError{30.0};
inline constexpr std::chrono::milliseconds kStuckTime{2000};
inline constexpr std::chrono::milliseconds kStatusAge{1000};

}  // namespace safety::ceiling
