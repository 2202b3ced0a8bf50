#include "daemon/session/force_filter.hpp"

#include <algorithm>
#include <cmath>

namespace session {

units::Newtons ForceFilter::update(units::Newtons sample, std::chrono::nanoseconds dt) {
  if (!value_ || time_constant_.count() <= 0) {
    value_ = sample;
    return *value_;
  }
  const double ratio = std::chrono::duration<double>(dt) / time_constant_;
  const double weight = 1.0 - std::exp(-std::max(ratio, 0.0));
  value_ = *value_ + (sample - *value_) * weight;
  return *value_;
}

}  // namespace session
