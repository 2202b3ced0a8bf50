#include "sim/chair/chair_config.hpp"

#include <set>
#include <stdexcept>
#include <string>

#include "sim/chair/axis_mechanics.hpp"

namespace sim {
namespace {

[[noreturn]] void refuse(const std::string& what) {
  throw std::invalid_argument("simulated chair: " + what);
}

void check_position(std::string_view name, double value, hal::AxisKind kind) {
  const auto& m = mechanics_of(kind);
  const bool rotary = hal::is_rotary(kind);
  const bool ok =
      rotary ? value >= 0.0 && value < 360.0 : value >= m.range_min && value <= m.range_max;
  if (!ok) {
    refuse("power_up." + std::string(name) + " = " + std::to_string(value) +
           " is out of range, allowed " + std::to_string(m.range_min) + ".." +
           std::to_string(m.range_max) + (rotary ? "° (exclusive)" : " mm"));
  }
}

}  // namespace

void check_chair_config(const ChairConfig& c) {
  const auto& p = c.profile;
  for (const auto kind : hal::kAllAxisKinds) {
    if (!p.axis_kind_codes.contains(kind)) {
      refuse("profile '" + p.name + "' has no axis kind code for " + std::string(to_string(kind)) +
             "; load it with hal::load_profile");
    }
    if (!c.unit_ids.contains(kind)) {
      refuse("unit_ids has no unit id for " + std::string(to_string(kind)) + "; give 1..247");
    }
  }
  if (!p.comm_loss_actions.contains(hal::CommLossAction::none) ||
      p.control_bits.mode_values.size() != 3) {
    refuse("profile '" + p.name + "' lacks comm-loss actions or modes; load it with " +
           "hal::load_profile");
  }
  std::set<std::uint8_t> seen;
  for (const auto& [kind, unit] : c.unit_ids) {
    if (unit < 1 || unit > 247) {
      refuse("unit_ids." + std::string(to_string(kind)) + " = " + std::to_string(unit) +
             " is out of range, allowed 1..247");
    }
    if (!seen.insert(unit).second) {
      refuse("unit_ids." + std::string(to_string(kind)) + " = " + std::to_string(unit) +
             " is already used by another axis; give each drive its own unit id");
    }
  }
  std::set<std::uint32_t> serials;
  for (const auto kind : hal::kAllAxisKinds) {
    const auto serial = c.serials.find(kind);
    if (serial == c.serials.end()) {
      refuse("serials has no serial number for " + std::string(to_string(kind)));
    }
    if (!serials.insert(serial->second).second) {
      refuse("serials." + std::string(to_string(kind)) + " = " + std::to_string(serial->second) +
             " is already another drive's; give each drive its own serial number");
    }
  }
  check_position("travel", c.power_up.travel.value(), hal::AxisKind::travel);
  check_position("width", c.power_up.width.value(), hal::AxisKind::width);
  check_position("depth", c.power_up.depth.value(), hal::AxisKind::depth);
  check_position("knead", c.power_up.knead.value(), hal::AxisKind::knead);
  check_position("tap", c.power_up.tap.value(), hal::AxisKind::tap);
  const auto gain = c.load_cell.gain_error;
  if (gain <= -0.5 || gain >= 0.5) {
    refuse("load_cell.gain_error = " + std::to_string(gain) +
           " is out of range, allowed -0.5..0.5");
  }
  if (c.load_cell.noise.value() < 0.0) {
    refuse("load_cell.noise = " + std::to_string(c.load_cell.noise.value()) +
           " N is negative; give a standard deviation >= 0");
  }
  check_body(c.body);
}

}  // namespace sim
