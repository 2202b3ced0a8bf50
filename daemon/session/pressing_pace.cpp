#include "daemon/session/pressing_pace.hpp"

#include <algorithm>

namespace session {

units::MillimetresPerSecond PressingPace::next(units::MillimetresPerSecond wanted,
                                               units::Newtons force, units::Newtons target,
                                               std::chrono::nanoseconds dt) {
  const double over = ((force - target) / leeway_) - 1.0;  // 0 at one leeway above, 1 at two
  const auto eased =
      std::max(wanted * std::clamp(1.0 - over, 0.0, 1.0), std::min(wanted, kSlowest));
  const auto rise =
      units::MillimetresPerSecond(kPaceRise * std::chrono::duration<double>(dt).count());
  pace_ = pace_ ? std::min(eased, *pace_ + rise) : eased;
  return *pace_;
}

}  // namespace session
