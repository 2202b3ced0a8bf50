#include "modbus/axis.hpp"

namespace hal {

AxisReading axis_reading(AxisKind kind, const DriveReading& raw, Clock::time_point now) {
  if (is_rotary(kind)) return typed_reading<RotaryMotion>(raw, now);
  return typed_reading<LinearMotion>(raw, now);
}

}  // namespace hal
