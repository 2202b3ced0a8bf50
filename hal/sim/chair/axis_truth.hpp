#pragma once

#include <cstdint>
#include <optional>

#include "profile/actuator_profile.hpp"
#include "units/units.hpp"

// What is really going on in the simulated chair, for tests and the control channel: the
// mechanism's true state, which a Modbus master can only infer from registers.
namespace sim {

enum class QuickStopState {
  inactive,    // QUICK_STOP clear and no quick stop under way
  braking,     // decelerating at the axis's maximum
  retracting,  // the depth axis withdrawing to 0
  stopped,     // done, ENABLED cleared; stays so while QUICK_STOP is set
};

struct AxisTruth {
  hal::AxisKind kind = hal::AxisKind::travel;
  // Linear axes: where the mechanism is (0 = top end stop / retracted), whatever the drive
  // reports before homing. Zero on rotary axes.
  units::Millimetres position{0.0};
  units::MillimetresPerSecond velocity{0.0};
  // Rotary axes: the eccentric's phase, 0..360°, and its speed. Zero on linear axes.
  units::Degrees phase{0.0};
  units::Rpm speed{0.0};
  bool enabled = false;
  bool homed = false;
  bool homing = false;
  bool fault = false;
  bool comm_lost = false;
  bool force_limited = false;
  bool stalled = false;  // blocked by the scene
  std::optional<hal::AlarmKind> alarm{};
  std::uint16_t alarm_code = 0;
  QuickStopState quick_stop = QuickStopState::inactive;
  units::Milliamperes current{0.0};
  units::Celsius temperature{0.0};
};

// The depth axis's force, truly and as the drive's load cell reads it.
struct ForceTruth {
  units::Newtons contact{0.0};         // the back pressing on the rollers
  units::Newtons reference_load{0.0};  // a known load a technician placed (0 when none)
  units::Newtons reading{0.0};         // the load cell's raw reading (the FORCE register)
};

}  // namespace sim
