#include "daemon/session/pressing_pace.hpp"

#include <algorithm>

namespace session {
namespace {

// However near its ceiling the target, the load cell's noise and the force loop's ripple need
// this much room, or the carriage would crawl all along.
constexpr units::Newtons kNarrowestLeeway{1.5};

}  // namespace

units::MillimetresPerSecond PressingPace::next(units::MillimetresPerSecond wanted,
                                               units::Newtons force, units::Newtons target,
                                               units::Newtons ceiling,
                                               std::chrono::nanoseconds dt) {
  const auto leeway = std::min(leeway_, std::max((ceiling - target) / 2.0, kNarrowestLeeway));
  const double over = ((force - target) / leeway) - 1.0;  // 0 at one leeway above, 1 at two
  const auto eased =
      std::max(wanted * std::clamp(1.0 - over, 0.0, 1.0), std::min(wanted, slowest_));
  const auto rise =
      units::MillimetresPerSecond(kPaceRise * std::chrono::duration<double>(dt).count());
  pace_ = pace_ ? std::min(eased, *pace_ + rise) : eased;
  return *pace_;
}

}  // namespace session
