#include "daemon/calibration/force_sensor_fit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace calibration {
namespace {

std::string newtons(units::Newtons value) {
  char out[32];
  std::snprintf(out, sizeof out, "%.2f N", value.value());
  return out;
}

}  // namespace

result::Expected<units::Newtons, std::string> steady_mean(std::span<const units::Newtons> samples,
                                                          const ForceSensorBounds& bounds) {
  if (samples.size() < 2) {
    return result::unexpected(std::string("too few load-cell readings (") +
                              std::to_string(samples.size()) +
                              "); check that the depth drive answers, then repeat the step");
  }
  const auto [low, high] = std::minmax_element(samples.begin(), samples.end());
  const auto spread = *high - *low;
  if (!(spread <= bounds.largest_spread)) {
    return result::unexpected("the load cell's readings are unstable: they spread over " +
                              newtons(spread) + " (" + newtons(*low) + " to " + newtons(*high) +
                              ") across " + std::to_string(samples.size()) + " samples, allowed " +
                              newtons(bounds.largest_spread) +
                              "; keep the chair and the load still, check the sensor's wiring, "
                              "then repeat the step");
  }
  double sum = 0.0;
  for (const auto s : samples) sum += s.value();
  return units::Newtons(sum / static_cast<double>(samples.size()));
}

result::Expected<units::Newtons, std::string> fit_zero(std::span<const units::Newtons> unloaded,
                                                       const ForceSensorBounds& bounds) {
  auto mean = steady_mean(unloaded, bounds);
  if (!mean) return mean;
  if (!(units::abs(*mean) <= bounds.largest_offset)) {
    return result::unexpected("the load cell reads " + newtons(*mean) +
                              " with nothing on the rollers, beyond the sane offset of +/-" +
                              newtons(bounds.largest_offset) +
                              "; take every load off the rollers, or replace the sensor");
  }
  return mean;
}

result::Expected<safety::ForceSensorCalibration, std::string> fit_gain(
    units::Newtons offset, std::span<const units::Newtons> loaded, units::Newtons reference,
    const ForceSensorBounds& bounds) {
  if (!(reference >= bounds.smallest_reference) || !(reference <= units::Newtons(250.0))) {
    return result::unexpected("a reference load of " + newtons(reference) +
                              " cannot calibrate the gain; use a known load of " +
                              newtons(bounds.smallest_reference) + " to 250 N");
  }
  const auto mean = steady_mean(loaded, bounds);
  if (!mean) return result::unexpected(mean.error());
  const double gain = (*mean - offset) / reference;
  if (!std::isfinite(gain) || gain < bounds.lowest_gain || gain > bounds.highest_gain) {
    return result::unexpected(
        "under the " + newtons(reference) + " reference the load cell reads " + newtons(*mean) +
        " (" + newtons(*mean - offset) + " above its zero): a gain of " + std::to_string(gain) +
        ", outside the sane " + std::to_string(bounds.lowest_gain) + " to " +
        std::to_string(bounds.highest_gain) +
        "; check that the reference load rests fully on the rollers and its weight is right");
  }
  return safety::ForceSensorCalibration{offset, gain};
}

}  // namespace calibration
