#include "daemon/safety/fault_watch.hpp"

#include "units/quantity_text.hpp"

namespace safety {
namespace {

// A motor must cool this far below the limit before a reset is allowed.
constexpr units::Celsius kCoolingHysteresis{5.0};

Fault fault_on(FaultKind kind, const control::AxisSample& sample, std::string detail) {
  Fault f;
  f.kind = kind;
  f.axis = sample.kind;
  f.bus = sample.bus;
  f.unit = sample.unit;
  f.detail = std::move(detail);
  return f;
}

FaultKind kind_of(hal::AlarmKind alarm) {
  switch (alarm) {
    case hal::AlarmKind::stall:
      return FaultKind::stall;
    case hal::AlarmKind::over_temperature:
      return FaultKind::over_temperature;
    case hal::AlarmKind::following_error:
      return FaultKind::following_error;
    case hal::AlarmKind::force_overload:
      return FaultKind::force_above_ceiling;
    case hal::AlarmKind::communication_loss:
      return FaultKind::communication_loss;
    case hal::AlarmKind::not_homed:
      // Every move follows homing: a drive that calls itself unhomed lost its reference.
      return FaultKind::drive_restarted;
    default:
      return FaultKind::drive_alarm;
  }
}

std::optional<hal::DriveAlarm> alarm_in(const control::AxisSample& sample) {
  if (sample.error && sample.error->alarm) return sample.error->alarm;
  if (sample.reading) return control::alarm_of(*sample.reading);
  return std::nullopt;
}

bool counts_as_failed(const control::AxisSample& sample) {
  if (!sample.error) return !sample.reading.has_value();
  return sample.error->kind != hal::DriveErrorKind::drive_alarm &&
         sample.error->kind != hal::DriveErrorKind::drive_restarted;
}

}  // namespace

std::string describe_drive(const control::AxisSample& sample) {
  std::string out = "the " + std::string(hal::to_string(sample.kind)) + " drive";
  if (sample.unit != 0) {
    out += " (unit " + std::to_string(sample.unit);
    if (!sample.bus.empty()) out += " on bus " + sample.bus;
    out += ")";
  }
  return out;
}

FaultWatch::FaultWatch(SafetyLimits limits, int comm_loss_cycles)
    : limits_(limits), comm_loss_cycles_(comm_loss_cycles) {}

std::optional<Fault> FaultWatch::observe(const control::ChairMeasurement& measured,
                                         time_point now) {
  // Every watch keeps its counts whatever the others find.
  auto trouble = drive_trouble(measured);
  auto lost = communication(measured);
  auto sensed = sensors(measured, now);
  if (trouble) return trouble;
  if (sensed) return sensed;
  if (lost) return lost;
  return expectations_.check(measured, limits_, now);
}

std::optional<Fault> FaultWatch::drive_trouble(const control::ChairMeasurement& measured) const {
  for (const auto& sample : measured.axes) {
    if (const auto alarm = alarm_in(sample)) {
      return fault_on(kind_of(alarm->kind), sample,
                      describe_drive(sample) + " reports alarm " + std::to_string(alarm->code) +
                          " (" + alarm->name + ") and has stopped its axis");
    }
    if (sample.error && sample.error->kind == hal::DriveErrorKind::drive_restarted) {
      return fault_on(FaultKind::drive_restarted, sample,
                      describe_drive(sample) + " restarted on its own (" + sample.error->detail +
                          "); check its power supply. The axis is homed again after a reset");
    }
  }
  return std::nullopt;
}

std::optional<Fault> FaultWatch::communication(const control::ChairMeasurement& measured) {
  std::optional<Fault> found;
  for (const auto& sample : measured.axes) {
    const auto index = static_cast<std::size_t>(sample.kind);
    auto& failed = failed_cycles_[index];
    const std::string why = sample.error ? sample.error->message() : "no reading yet";
    failed = counts_as_failed(sample) ? failed + 1 : 0;
    if (failed == 1) first_failure_[index] = why;
    if (found) continue;
    if (failed >= comm_loss_cycles_) {
      const auto& first = first_failure_[index];
      found = fault_on(FaultKind::communication_loss, sample,
                       "no answer from " + describe_drive(sample) + " for " +
                           std::to_string(failed) + " cycles in a row (" +
                           (first == why ? why : "first: " + first + "; latest: " + why) +
                           "); check the cable, the gateway and the drive's power");
      continue;
    }
    if (sample.reading && control::age_of(*sample.reading) > limits_.status_age) {
      const auto age =
          std::chrono::duration_cast<std::chrono::milliseconds>(control::age_of(*sample.reading));
      found = fault_on(FaultKind::communication_loss, sample,
                       "the latest status of " + describe_drive(sample) + " is " +
                           std::to_string(age.count()) + " ms old, more than the " +
                           std::to_string(limits_.status_age.count()) + " ms allowed (" + why +
                           "); check the cable, the gateway and the drive's power");
    }
  }
  return found;
}

std::optional<Fault> FaultWatch::sensors(const control::ChairMeasurement& measured,
                                         time_point now) {
  std::optional<Fault> found;
  for (const auto& sample : measured.axes) {
    auto& since = over_current_since_[static_cast<std::size_t>(sample.kind)];
    if (!sample.fresh()) continue;
    const auto current = control::current_of(*sample.reading);
    if (current > limits_.stall_current) {
      if (!since) since = now;
      if (!found && now - *since >= limits_.stall_time) {
        found = fault_on(
            FaultKind::stall, sample,
            describe_drive(sample) + " has drawn " + units::decimal_text(current.value()) +
                " mA, above the " + units::decimal_text(limits_.stall_current.value()) +
                " mA stall current, for " +
                std::to_string(
                    std::chrono::duration_cast<std::chrono::milliseconds>(now - *since).count()) +
                " ms; something may be caught in the mechanism: free it");
      }
    } else {
      since.reset();
    }
    const auto temperature = control::temperature_of(*sample.reading);
    if (!found && temperature > limits_.motor_temperature) {
      found = fault_on(FaultKind::over_temperature, sample,
                       "the " + std::string(hal::to_string(sample.kind)) + " motor is at " +
                           units::decimal_text(temperature.value()) + " °C, above the " +
                           units::decimal_text(limits_.motor_temperature.value()) +
                           " °C allowed; let it cool down");
    }
  }
  const auto& depth = measured.axis(hal::AxisKind::depth);
  if (!found && depth.fresh() && measured.force > limits_.force_fault) {
    found = fault_on(FaultKind::force_above_ceiling, depth,
                     "the rollers press with " + units::decimal_text(measured.force.value()) +
                         " N, above the " + units::decimal_text(limits_.force_fault.value()) +
                         " N fault threshold; the person may have been pushed into the rollers, "
                         "or the load cell needs calibrating");
  }
  return found;
}

std::optional<std::string> FaultWatch::standing_cause(
    const control::ChairMeasurement& measured) const {
  for (const auto& sample : measured.axes) {
    if (!sample.fresh()) {
      const std::string why = sample.error ? sample.error->message() : "no reading yet";
      return "no fresh status from " + describe_drive(sample) + ": " + why;
    }
  }
  for (const auto& sample : measured.axes) {
    const auto& reading = *sample.reading;
    const auto& flags = control::flags_of(reading);
    if (flags.moving || flags.homing) {
      return "the " + std::string(hal::to_string(sample.kind)) +
             " axis is still moving; wait until it stands still, then reset again";
    }
    const auto temperature = control::temperature_of(reading);
    if (temperature > limits_.motor_temperature - kCoolingHysteresis) {
      return "the " + std::string(hal::to_string(sample.kind)) + " motor is at " +
             units::decimal_text(temperature.value()) + " °C; let it cool below " +
             units::decimal_text((limits_.motor_temperature - kCoolingHysteresis).value()) +
             " °C, then reset again";
    }
    if (control::current_of(reading) > limits_.stall_current) {
      return describe_drive(sample) + " still draws " +
             units::decimal_text(control::current_of(reading).value()) +
             " mA; free whatever blocks the axis, then reset again";
    }
  }
  if (measured.force > limits_.force_fault) {
    return "the rollers still feel " + units::decimal_text(measured.force.value()) +
           " N; remove whatever presses on them, then reset again";
  }
  return std::nullopt;
}

}  // namespace safety
