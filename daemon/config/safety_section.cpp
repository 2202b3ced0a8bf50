#include "daemon/config/safety_section.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

namespace massaged {
namespace {

using toml_strict::Table;

std::string text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// One end of a key's allowed range: a sanity bound of the reader, or a hard limit set in code.
struct Bound {
  double value;
  bool hard = false;
};

struct KeySpec {
  std::string_view key;
  std::string_view unit;  // as messages show it: "N", "mm", "s"
  Bound low;
  Bound high;
};

std::string allowed(const KeySpec& spec) {
  return "allowed " + text(spec.low.value) + ".." + text(spec.high.value) + " " +
         std::string(spec.unit);
}

// The key's value, or `fallback` when it is absent. A value beyond a hard bound is refused with
// a message that names the bound as one no configuration can lift.
double read_limit(const Table& table, const KeySpec& spec, double fallback) {
  std::optional<double> value;
  try {
    value = table.optional_number(spec.key, std::numeric_limits<double>::lowest(),
                                  std::numeric_limits<double>::max());
  } catch (const toml_strict::FileError&) {
    table.fail(spec.key, "expected a number, " + allowed(spec));
  }
  if (!value) return fallback;
  const std::string shown = text(*value) + " " + std::string(spec.unit);
  if (*value > spec.high.value) {
    if (spec.high.hard) {
      table.fail(spec.key, shown + " is above the hard ceiling of " + text(spec.high.value) + " " +
                               std::string(spec.unit) +
                               " set in daemon/safety/hard_ceilings.hpp, which no configuration "
                               "can lift; " +
                               allowed(spec));
    }
    table.fail(spec.key, shown + " is out of range, " + allowed(spec));
  }
  if (*value < spec.low.value) {
    if (spec.low.hard) {
      table.fail(spec.key, shown + " is below the hard floor of " + text(spec.low.value) + " " +
                               std::string(spec.unit) +
                               " set in daemon/safety/hard_ceilings.hpp, which no configuration "
                               "can lower; " +
                               allowed(spec));
    }
    table.fail(spec.key, shown + " is out of range, " + allowed(spec));
  }
  return *value;
}

template <class Quantity>
Quantity read_quantity(const Table& table, const KeySpec& spec, Quantity fallback) {
  return Quantity(read_limit(table, spec, fallback.value()));
}

template <class Duration>
Duration read_duration(const Table& table, const KeySpec& spec, Duration fallback) {
  const double value = read_limit(table, spec, static_cast<double>(fallback.count()));
  if (value != std::floor(value)) {
    table.fail(spec.key, text(value) + " is not a whole number of " + std::string(spec.unit) +
                             "; " + allowed(spec));
  }
  return Duration(static_cast<typename Duration::rep>(value));
}

void read_forces(const Table& t, safety::SafetyLimits& out) {
  namespace c = safety::ceiling;
  auto& f = out.region_force;
  f.neck = read_quantity(t, {"neck_force_n", "N", {0}, {c::kNeckForce.value(), true}}, f.neck);
  f.thoracic = read_quantity(t, {"thoracic_force_n", "N", {0}, {c::kThoracicForce.value(), true}},
                             f.thoracic);
  f.kidney =
      read_quantity(t, {"kidney_force_n", "N", {0}, {c::kKidneyForce.value(), true}}, f.kidney);
  f.lumbar =
      read_quantity(t, {"lumbar_force_n", "N", {0}, {c::kLumbarForce.value(), true}}, f.lumbar);
  out.body_scan_force = read_quantity(
      t, {"body_scan_force_n", "N", {1}, {c::kBodyScanForce.value(), true}}, out.body_scan_force);
  out.service_force = read_quantity(
      t, {"service_force_n", "N", {1}, {c::kServiceForce.value(), true}}, out.service_force);
  out.force_fault = read_quantity(t, {"force_fault_n", "N", {1}, {c::kForceFault.value(), true}},
                                  out.force_fault);

  // The chair would fault whenever it pressed as allowed.
  const std::pair<std::string_view, units::Newtons> pressing[] = {
      {"neck_force_n", f.neck},
      {"thoracic_force_n", f.thoracic},
      {"kidney_force_n", f.kidney},
      {"lumbar_force_n", f.lumbar},
      {"body_scan_force_n", out.body_scan_force},
      {"service_force_n", out.service_force}};
  for (const auto& [key, force] : pressing) {
    if (out.force_fault <= force) {
      t.fail("force_fault_n",
             text(out.force_fault.value()) + " N does not exceed " + std::string(key) + " = " +
                 text(force.value()) +
                 " N, so the chair would fault whenever it pressed as allowed; raise "
                 "force_fault_n (at most " +
                 text(c::kForceFault.value()) + " N) or lower " + std::string(key));
    }
  }
}

void read_times(const Table& t, const ControlSection& control, safety::SafetyLimits& out) {
  namespace c = safety::ceiling;
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  const auto hold = read_duration(
      t, {"max_hold_s", "s", {10}, {static_cast<double>(c::kCompressionHold.count()), true}},
      duration_cast<seconds>(out.max_hold));
  out.max_hold = hold;
  const auto release =
      read_duration(t, {"release_s", "s", {static_cast<double>(c::kRelease.count()), true}, {300}},
                    duration_cast<seconds>(out.release));
  out.release = release;
  out.session = read_duration(
      t, {"session_minutes", "min", {5}, {static_cast<double>(c::kSession.count()), true}},
      out.session);
  out.session_max = read_duration(
      t, {"session_max_minutes", "min", {5}, {static_cast<double>(c::kSession.count()), true}},
      out.session_max);
  if (out.session_max < out.session) {
    t.fail("session_max_minutes",
           std::to_string(out.session_max.count()) +
               " min is shorter than session_minutes = " + std::to_string(out.session.count()) +
               " min; a session could never last as long as it starts; allowed " +
               std::to_string(out.session.count()) + ".." + std::to_string(c::kSession.count()) +
               " min");
  }
  out.stall_time = read_duration(
      t, {"stall_time_ms", "ms", {50}, {static_cast<double>(c::kStallTime.count()), true}},
      out.stall_time);
  out.stuck_time = read_duration(
      t, {"stuck_time_ms", "ms", {100}, {static_cast<double>(c::kStuckTime.count()), true}},
      out.stuck_time);
  // Fresh status arrives once per cycle: a shorter limit would fault on every late cycle.
  const auto two_cycles = std::chrono::ceil<milliseconds>(2 * control.cycle_period());
  out.status_age = read_duration(t,
                                 {"status_age_ms",
                                  "ms",
                                  {static_cast<double>(two_cycles.count())},
                                  {static_cast<double>(c::kStatusAge.count()), true}},
                                 out.status_age);
}

void read_motion(const Table& t, safety::SafetyLimits& out) {
  namespace c = safety::ceiling;
  out.midline_clearance =
      read_quantity(t, {"midline_clearance_mm", "mm", {c::kMidlineClearance.value(), true}, {60}},
                    out.midline_clearance);
  out.travel_speed_near_body = read_quantity(
      t, {"travel_speed_near_body_mm_s", "mm/s", {1}, {c::kTravelSpeedNearBody.value(), true}},
      out.travel_speed_near_body);
  out.width_speed_near_body = read_quantity(
      t, {"width_speed_near_body_mm_s", "mm/s", {1}, {c::kWidthSpeedNearBody.value(), true}},
      out.width_speed_near_body);
  out.depth_speed_near_body = read_quantity(
      t, {"depth_speed_near_body_mm_s", "mm/s", {1}, {c::kDepthSpeedNearBody.value(), true}},
      out.depth_speed_near_body);
  out.acceleration_near_body = read_quantity(
      t, {"acceleration_near_body_mm_s2", "mm/s²", {10}, {c::kAccelerationNearBody.value(), true}},
      out.acceleration_near_body);
  out.knead_max = read_quantity(t, {"knead_max_rpm", "rpm", {1}, {c::kKneadSpeed.value(), true}},
                                out.knead_max);
  out.tap_max =
      read_quantity(t, {"tap_max_rpm", "rpm", {1}, {c::kTapSpeed.value(), true}}, out.tap_max);
  out.range_margin = read_quantity(
      t, {"range_margin_mm", "mm", {c::kRangeMargin.value(), true}, {50}}, out.range_margin);
}

void read_watch(const Table& t, safety::SafetyLimits& out) {
  namespace c = safety::ceiling;
  out.stall_current = read_quantity(
      t, {"stall_current_ma", "mA", {100}, {c::kStallCurrent.value(), true}}, out.stall_current);
  out.motor_temperature =
      read_quantity(t, {"motor_temperature_c", "°C", {40}, {c::kMotorTemperature.value(), true}},
                    out.motor_temperature);
  out.following_error =
      read_quantity(t, {"following_error_mm", "mm", {1}, {c::kFollowingError.value(), true}},
                    out.following_error);
}

}  // namespace

safety::SafetyLimits read_safety_section(const std::optional<toml_strict::Table>& section,
                                         const ControlSection& control) {
  safety::SafetyLimits out;
  if (!section) return out;  // the defaults fit every control rate
  read_forces(*section, out);
  read_times(*section, control, out);
  read_motion(*section, out);
  read_watch(*section, out);
  section->reject_unknown_keys();
  return out;
}

}  // namespace massaged
