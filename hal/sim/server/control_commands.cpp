#include "sim/server/control_commands.hpp"

#include <array>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace sim {
namespace {

using nlohmann::json;

[[noreturn]] void refuse(const std::string& what) { throw std::invalid_argument(what); }

std::string command_of(const json& request) { return request.at("cmd").get<std::string>(); }

// Klipper's lesson: a misspelt field is an error that names it, never silently ignored.
void allow_only(const json& request, std::initializer_list<std::string_view> fields) {
  for (const auto& [key, value] : request.items()) {
    if (key == "cmd") continue;
    bool known = false;
    for (const auto field : fields) known = known || key == field;
    if (!known) {
      std::string allowed;
      for (const auto field : fields) allowed += (allowed.empty() ? "" : ", ") + std::string(field);
      refuse(command_of(request) + ": unknown field \"" + key + "\"" +
             (allowed.empty() ? "; it takes none" : "; allowed: " + allowed));
    }
  }
}

const json* field(const json& request, std::string_view name) {
  const auto found = request.find(name);
  return found == request.end() ? nullptr : &*found;
}

const json& required(const json& request, std::string_view name) {
  const json* value = field(request, name);
  if (value == nullptr) {
    refuse(command_of(request) + ": field \"" + std::string(name) + "\" is missing");
  }
  return *value;
}

double number(const json& request, std::string_view name, const json& value, double min,
              double max) {
  if (!value.is_number()) {
    refuse(command_of(request) + ": \"" + std::string(name) + "\" must be a number");
  }
  const double v = value.get<double>();
  if (!std::isfinite(v) || v < min || v > max) {
    refuse(command_of(request) + ": \"" + std::string(name) + "\" = " + value.dump() +
           " is out of range, allowed " + json(min).dump() + ".." + json(max).dump());
  }
  return v;
}

std::optional<double> optional_number(const json& request, std::string_view name, double min,
                                      double max) {
  const json* value = field(request, name);
  if (value == nullptr) return std::nullopt;
  return number(request, name, *value, min, max);
}

std::optional<bool> optional_boolean(const json& request, std::string_view name) {
  const json* value = field(request, name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    refuse(command_of(request) + ": \"" + std::string(name) + "\" must be true or false");
  }
  return value->get<bool>();
}

std::string axis_names() {
  std::string names;
  for (const auto kind : hal::kAllAxisKinds) {
    names += (names.empty() ? "" : ", ") + std::string(hal::to_string(kind));
  }
  return names;
}

hal::AxisKind axis_of(const json& request) {
  const json& value = required(request, "axis");
  const auto kind =
      value.is_string() ? hal::axis_kind_from_string(value.get<std::string>()) : std::nullopt;
  if (!kind) refuse(command_of(request) + ": \"axis\" must be one of " + axis_names());
  return *kind;
}

json alarm_name(const std::optional<hal::AlarmKind>& kind) {
  if (!kind) return nullptr;
  return hal::alarm_kind_key(*kind);
}

hal::AlarmKind alarm_kind_of(const json& request) {
  const json& value = required(request, "kind");
  if (value.is_string()) {
    const auto kind = hal::alarm_kind_from_key(value.get<std::string>());
    if (kind && *kind != hal::AlarmKind::other) return *kind;
  }
  std::string names;
  for (const auto& [name, kind] : hal::kAlarmKindKeys) {
    if (kind != hal::AlarmKind::other) names += (names.empty() ? "" : ", ") + std::string(name);
  }
  refuse("alarm: \"kind\" must be one of " + names);
}

json axis_state(const AxisTruth& truth, std::uint8_t unit) {
  const bool rotary = hal::is_rotary(truth.kind);
  return {{"unit", unit},
          {"position", rotary ? truth.phase.value() : truth.position.value()},
          {"velocity", rotary ? truth.speed.value() : truth.velocity.value()},
          {"enabled", truth.enabled},
          {"homed", truth.homed},
          {"homing", truth.homing},
          {"fault", truth.fault},
          {"alarm", truth.alarm_code},
          {"alarm_kind", alarm_name(truth.alarm)},
          {"quick_stop", truth.quick_stop != QuickStopState::inactive},
          {"stalled", truth.stalled},
          {"comm_lost", truth.comm_lost},
          {"force_limited", truth.force_limited},
          {"current_ma", truth.current.value()},
          {"temperature_c", truth.temperature.value()}};
}

Nodule nodule_of(const json& request, const json& entry, std::size_t index) {
  const std::string at = "nodules[" + std::to_string(index) + "].";
  if (!entry.is_object()) refuse("body: " + at + " must be an object");
  Nodule nodule;
  for (const auto& [key, value] : entry.items()) {
    if (key == "travel_mm") {
      nodule.travel = units::Millimetres(number(request, at + key, value, 0.0, 1200.0));
    } else if (key == "lateral_mm") {
      nodule.lateral_offset = units::Millimetres(number(request, at + key, value, 0.0, 150.0));
    } else if (key == "radius_mm") {
      nodule.radius = units::Millimetres(number(request, at + key, value, 3.0, 60.0));
    } else if (key == "stiffness") {
      nodule.extra_stiffness = number(request, at + key, value, 0.0, 10.0);
    } else {
      refuse("body: unknown field \"" + at + key +
             "\"; allowed: travel_mm, lateral_mm, radius_mm, stiffness");
    }
  }
  return nodule;
}

}  // namespace

json ControlCommands::operator()(const json& request) {
  const std::string cmd = command_of(request);
  if (cmd == "state") {
    allow_only(request, {});
    return state();
  }
  if (cmd == "observer") {
    allow_only(request, {});
    return observer();
  }
  if (cmd == "link") return link(request);
  if (cmd == "clear") return clear(request);
  if (cmd == "stall") return stall(request);
  if (cmd == "alarm") return alarm(request);
  if (cmd == "reboot") return reboot(request);
  if (cmd == "replace_drive") return replace_drive(request);
  if (cmd == "motor_temperature") return motor_temperature(request);
  if (cmd == "body") return body(request);
  if (cmd == "reference_load") return reference_load(request);
  refuse("unknown command \"" + cmd +
         "\"; known: state, observer, link, clear, stall, alarm, reboot, replace_drive, "
         "motor_temperature, body, reference_load");
}

json ControlCommands::state() const {
  json axes = json::object();
  for (const auto kind : hal::kAllAxisKinds) {
    axes[std::string(hal::to_string(kind))] = axis_state(chair_->axis(kind), chair_->unit_of(kind));
  }
  const ForceTruth force = chair_->force();
  const BodyConfig body = chair_->body();
  return {{"ok", true},
          {"time_s", std::chrono::duration<double>(chair_->now()).count()},
          {"axes", axes},
          {"contact_force_n", force.contact.value()},
          {"load_cell_n", force.reading.value()},
          {"reference_load_n", force.reference_load.value()},
          {"seated", body.seated},
          {"shoulder_mm", body.shoulder_travel.value()},
          {"nodule_tension", chair_->nodule_tension()}};
}

json ControlCommands::observer() const {
  const auto seconds = [](std::chrono::nanoseconds t) {
    return std::chrono::duration<double>(t).count();
  };
  json findings = json::array();
  for (const auto& f : chair_->observer_findings()) {
    findings.push_back({{"rule", to_string(f.rule)},
                        {"began_s", seconds(f.began)},
                        {"ended_s", seconds(f.ended)},
                        {"axis", f.axis ? json(hal::to_string(*f.axis)) : json(nullptr)},
                        {"travel_mm", f.travel.value()},
                        {"lateral_mm", f.lateral.value()},
                        {"region", f.region ? json(to_string(*f.region)) : json(nullptr)},
                        {"value", f.value},
                        {"limit", f.limit},
                        {"unit", f.unit},
                        {"text", f.describe()}});
  }
  return {{"ok", true},
          {"body_scanned", chair_->observer_saw_body_scan()},
          {"dropped", chair_->observer_dropped()},
          {"findings", findings}};
}

json ControlCommands::link(const json& request) {
  allow_only(request, {"drop", "corrupt", "delay_ms", "silent", "unit"});
  LinkFaultsChange change;
  change.drop = optional_number(request, "drop", 0.0, 1.0);
  change.corrupt = optional_number(request, "corrupt", 0.0, 1.0);
  if (const auto delay =
          optional_number(request, "delay_ms", 0.0, static_cast<double>(kMaxLinkDelay.count()))) {
    change.delay = std::chrono::milliseconds(std::llround(*delay));
  }
  change.silent = optional_boolean(request, "silent");
  std::optional<std::uint8_t> unit;
  if (const json* id = field(request, "unit")) {
    if (!id->is_number_integer()) refuse("link: \"unit\" must be a unit id 1..247");
    unit = static_cast<std::uint8_t>(number(request, "unit", *id, 1.0, 247.0));
  }
  faults_->change(change, unit);
  return {{"ok", true}};
}

json ControlCommands::clear(const json& request) {
  allow_only(request, {});
  faults_->clear();
  return {{"ok", true}};
}

json ControlCommands::stall(const json& request) {
  allow_only(request, {"axis", "on"});
  const auto axis = axis_of(request);
  const auto on = optional_boolean(request, "on");
  if (!on) refuse("stall: field \"on\" is missing; true blocks the axis, false frees it");
  chair_->set_stalled(axis, *on);
  return {{"ok", true}};
}

json ControlCommands::alarm(const json& request) {
  allow_only(request, {"axis", "kind"});
  chair_->raise_alarm(axis_of(request), alarm_kind_of(request));
  return {{"ok", true}};
}

json ControlCommands::reboot(const json& request) {
  allow_only(request, {"axis"});
  const json& which = required(request, "axis");
  if (which == "all") {
    for (const auto kind : hal::kAllAxisKinds) chair_->reboot(kind);
  } else {
    chair_->reboot(axis_of(request));
  }
  return {{"ok", true}};
}

json ControlCommands::replace_drive(const json& request) {
  allow_only(request, {"axis", "serial"});
  const auto axis = axis_of(request);
  const json& value = required(request, "serial");
  if (!value.is_number_integer()) refuse("replace_drive: \"serial\" must be a whole number");
  const double serial = number(request, "serial", value, 0.0, 4294967295.0);
  chair_->replace_drive(axis, static_cast<std::uint32_t>(serial));
  return {{"ok", true}};
}

json ControlCommands::motor_temperature(const json& request) {
  allow_only(request, {"axis", "celsius"});
  const auto axis = axis_of(request);
  const double celsius = number(request, "celsius", required(request, "celsius"), -20.0, 150.0);
  chair_->set_motor_temperature(axis, units::Celsius(celsius));
  return {{"ok", true}};
}

json ControlCommands::body(const json& request) {
  allow_only(request, {"seated", "shoulder_mm", "seat_mm", "sitting_forward_mm", "back_end_mm",
                       "stiffness", "nodules"});
  BodyConfig body = chair_->body();
  if (const auto seated = optional_boolean(request, "seated")) body.seated = *seated;
  if (const auto shoulder = optional_number(request, "shoulder_mm", 0.0, 1200.0)) {
    body.shoulder_travel = units::Millimetres(*shoulder);
  }
  if (const auto seat = optional_number(request, "seat_mm", 0.0, 1200.0)) {
    body.seat_travel = units::Millimetres(*seat);
  }
  if (const auto forward = optional_number(request, "sitting_forward_mm", 0.0, 200.0)) {
    body.sitting_forward = units::Millimetres(*forward);
  }
  if (const auto end = optional_number(request, "back_end_mm", 0.0, 1200.0)) {
    body.back_end_above_seat = units::Millimetres(*end);
  }
  if (const auto stiffness = optional_number(request, "stiffness", 0.1, 10.0)) {
    body.stiffness_scale = *stiffness;
  }
  if (const json* nodules = field(request, "nodules")) {
    if (!nodules->is_array()) refuse("body: \"nodules\" must be an array of objects");
    body.nodules.clear();
    for (std::size_t i = 0; i < nodules->size(); ++i) {
      body.nodules.push_back(nodule_of(request, (*nodules)[i], i));
    }
  }
  chair_->seat(body);  // checks the body as a whole (e.g. shoulders above the seat)
  return {{"ok", true}};
}

json ControlCommands::reference_load(const json& request) {
  allow_only(request, {"newtons"});
  const json& newtons = required(request, "newtons");
  if (newtons.is_null()) {
    chair_->remove_reference_load();
  } else {
    chair_->place_reference_load(units::Newtons(number(request, "newtons", newtons, 0.0, 1000.0)));
  }
  return {{"ok", true}};
}

}  // namespace sim
