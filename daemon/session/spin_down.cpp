#include "daemon/session/spin_down.hpp"

#include <cmath>

namespace session {

units::Rpm SpinDown::limit(units::Rpm wanted, std::chrono::nanoseconds dt) {
  const bool reversing = wanted.value() * last_.value() < 0.0;
  if (!reversing && units::abs(wanted) >= units::abs(last_)) {
    last_ = wanted;
    return last_;
  }
  const double keep = std::exp(-std::chrono::duration<double>(dt) / kSpinDownTime);
  auto slowed = last_ * keep;
  if (units::abs(slowed) < kSpinDownFloor) slowed = units::Rpm(0.0);
  // Turning the other way waits until the eccentric has stopped.
  last_ = !reversing && units::abs(wanted) > units::abs(slowed) ? wanted : slowed;
  return last_;
}

}  // namespace session
