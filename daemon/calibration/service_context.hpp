#pragma once

#include "daemon/control/chair_setpoint.hpp"

namespace calibration {

// What calibration asks of the supervisor: service work, with nobody in the chair.
inline control::SetpointContext service_context() {
  control::SetpointContext context;
  context.purpose = control::Purpose::service;
  return context;
}

}  // namespace calibration
