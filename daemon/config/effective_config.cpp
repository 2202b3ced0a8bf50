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
                     {"roles", toml::table{{"panel", string_array(a.roles.panel)},
                                           {"technician", string_array(a.roles.technician)},
                                           {"oem", string_array(a.roles.oem)}}}};
}

toml::table control_table(const ControlSection& c) {
  return toml::table{{"rate_hz", c.rate_hz}, {"comm_loss_cycles", c.comm_loss_cycles}};
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

void add_link(const std::variant<hal::RtuLine, hal::TcpEndpoint>& link, toml::table& bus) {
  if (const auto* rtu = std::get_if<hal::RtuLine>(&link)) {
    bus.insert("transport", "rtu");
    bus.insert("rtu", toml::table{{"device", rtu->device.string()},
                                  {"baud", rtu->baud},
                                  {"parity", parity_name(rtu->parity)},
                                  {"data_bits", rtu->data_bits},
                                  {"stop_bits", rtu->stop_bits},
                                  {"rs485", rtu->rs485}});
  } else {
    const auto& tcp = std::get<hal::TcpEndpoint>(link);
    bus.insert("transport", "tcp");
    bus.insert("tcp", toml::table{{"host", tcp.host}, {"port", tcp.port}});
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
                   {"control", control_table(config.control)}};
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
