#pragma once

#include <chrono>

#include "units/units.hpp"

// The kneading and tapping eccentrics slow down gradually rather than being told to stop at
// once: the command falls exponentially (time constant kSpinDownTime), so that the speed the
// drive reports never lags its command by more than the controller's following-error check
// allows (a quarter of the command plus 5 rpm), and drops to zero below kSpinDownFloor. Speeding
// up is never held back.
namespace session {

inline constexpr std::chrono::milliseconds kSpinDownTime{500};
inline constexpr units::Rpm kSpinDownFloor{3.0};

class SpinDown {
 public:
  // The speed to command this cycle, `dt` after the previous one, for a wanted speed.
  units::Rpm limit(units::Rpm wanted, std::chrono::nanoseconds dt);
  // The eccentric was last told to turn.
  [[nodiscard]] bool turning() const { return last_ != units::Rpm(0.0); }

 private:
  units::Rpm last_{0.0};
};

}  // namespace session
