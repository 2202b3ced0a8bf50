#include "daemon/config/effective_config.hpp"

#include <sstream>

#include <toml++/toml.h>

namespace massaged {
namespace {

toml::array string_array(const std::vector<std::string>& items) {
  toml::array out;
  for (const auto& item : items) out.push_back(item);
  return out;
}

toml::table daemon_table(const DaemonSection& d) {
  return toml::table{{"log_level", std::string(log_level_name(d.log_level))},
                     {"state_directory", d.state_directory.string()},
                     {"programs_directory", d.programs_directory.string()}};
}

toml::table api_table(const ApiSection& a) {
  return toml::table{{"socket", a.socket.string()},
                     {"max_clients", a.max_clients},
                     {"max_message_bytes", static_cast<std::int64_t>(a.max_message_bytes)},
                     {"idle_timeout", static_cast<std::int64_t>(a.idle_timeout.count())},
                     {"send_timeout", static_cast<std::int64_t>(a.send_timeout.count())},
                     {"panel_timeout_ms", static_cast<std::int64_t>(a.panel_timeout.count())},
                     {"roles", toml::table{{"panel", string_array(a.roles.panel)},
                                           {"technician", string_array(a.roles.technician)},
                                           {"oem", string_array(a.roles.oem)}}}};
}

toml::table control_table(const ControlSection& c) {
  return toml::table{{"rate_hz", c.rate_hz}, {"comm_loss_cycles", c.comm_loss_cycles}};
}

// Whole milliseconds, seconds and minutes print as integers, as the reader takes them.
template <class Duration>
std::int64_t whole(Duration d) {
  return static_cast<std::int64_t>(d.count());
}

toml::table safety_table(const safety::SafetyLimits& s) {
  using std::chrono::duration_cast;
  using std::chrono::seconds;
  return toml::table{{"neck_force_n", s.region_force.neck.value()},
                     {"thoracic_force_n", s.region_force.thoracic.value()},
                     {"kidney_force_n", s.region_force.kidney.value()},
                     {"lumbar_force_n", s.region_force.lumbar.value()},
                     {"body_scan_force_n", s.body_scan_force.value()},
                     {"service_force_n", s.service_force.value()},
                     {"force_fault_n", s.force_fault.value()},
                     {"max_hold_s", whole(duration_cast<seconds>(s.max_hold))},
                     {"release_s", whole(duration_cast<seconds>(s.release))},
                     {"session_minutes", whole(s.session)},
                     {"session_max_minutes", whole(s.session_max)},
                     {"stall_time_ms", whole(s.stall_time)},
                     {"stuck_time_ms", whole(s.stuck_time)},
                     {"status_age_ms", whole(s.status_age)},
                     {"midline_clearance_mm", s.midline_clearance.value()},
                     {"travel_speed_near_body_mm_s", s.travel_speed_near_body.value()},
                     {"width_speed_near_body_mm_s", s.width_speed_near_body.value()},
                     {"depth_speed_near_body_mm_s", s.depth_speed_near_body.value()},
                     {"acceleration_near_body_mm_s2", s.acceleration_near_body.value()},
                     {"knead_max_rpm", s.knead_max.value()},
                     {"tap_max_rpm", s.tap_max.value()},
                     {"range_margin_mm", s.range_margin.value()},
                     {"stall_current_ma", s.stall_current.value()},
                     {"motor_temperature_c", s.motor_temperature.value()},
                     {"following_error_mm", s.following_error.value()}};
}

std::string parity_name(hal::Parity parity) {
  switch (parity) {
    case hal::Parity::none:
      return "none";
    case hal::Parity::odd:
      return "odd";
    case hal::Parity::even:
      break;
  }
  return "even";
}

void add_link(const hal::BusLink& link, toml::table& bus) {
  if (const auto* rtu = std::get_if<hal::RtuLine>(&link)) {
    bus.insert("transport", "rtu");
    bus.insert("rtu", toml::table{{"device", rtu->device.string()},
                                  {"baud", rtu->baud},
                                  {"parity", parity_name(rtu->parity)},
                                  {"data_bits", rtu->data_bits},
                                  {"stop_bits", rtu->stop_bits},
                                  {"rs485", rtu->rs485}});
  } else if (const auto* tcp = std::get_if<hal::TcpEndpoint>(&link)) {
    bus.insert("transport", "tcp");
    bus.insert("tcp", toml::table{{"host", tcp->host}, {"port", tcp->port}});
  } else {
    // Wired by a test or benchmark, never read from a file: shown, not to be read back.
    bus.insert("transport", "in-memory");
  }
}

toml::table bus_table(const hal::BusConfig& b) {
  toml::table bus{
      {"name", b.name},
      {"profile", b.profile_path.string()},
      {"response_timeout_ms", static_cast<std::int64_t>(b.response_timeout.count())},
      {"drive_comm_timeout_ms", static_cast<std::int64_t>(b.drive_comm_timeout.count())},
      {"drive_comm_loss_action",
       b.drive_comm_loss_action == hal::CommLossAction::halt ? "halt" : "quick_stop"}};
  add_link(b.link, bus);
  toml::array axes;
  for (const auto& axis : b.axes) {
    axes.push_back(
        toml::table{{"kind", std::string(hal::to_string(axis.kind))}, {"unit", axis.unit_id}});
  }
  bus.insert("axis", std::move(axes));
  return bus;
}

}  // namespace

std::string effective_config_toml(const ChairConfig& config) {
  toml::table root{{"daemon", daemon_table(config.daemon)},
                   {"api", api_table(config.api)},
                   {"control", control_table(config.control)},
                   {"safety", safety_table(config.safety)}};
  toml::array buses;
  for (const auto& bus : config.buses) buses.push_back(bus_table(bus));
  root.insert("bus", std::move(buses));

  std::ostringstream out;
  out << "# Effective configuration of " << config.source.string()
      << ", every default filled in.\n\n"
      << toml::toml_formatter(root, toml::format_flags::allow_unicode_strings) << '\n';
  return out.str();
}

}  // namespace massaged
