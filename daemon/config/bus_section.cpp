#include "daemon/config/bus_section.hpp"

#include <map>
#include <optional>
#include <string>

#include "daemon/config/path_value.hpp"
#include "profile/profile_loader.hpp"

namespace massaged {
namespace {

using toml_strict::Table;

// Where something was first declared, for the message about its second declaration.
struct FirstSeen {
  std::string where;
  std::string what;
};

hal::Parity parity_from(const std::string& name) {
  if (name == "none") return hal::Parity::none;
  if (name == "odd") return hal::Parity::odd;
  return hal::Parity::even;
}

hal::RtuLine read_rtu_line(const Table& rtu) {
  hal::RtuLine line;
  line.device = rtu.string("device");
  if (!line.device.is_absolute()) {
    rtu.fail("device", "\"" + line.device.string() +
                           "\" is not an absolute path; give the serial device node, such as "
                           "/dev/ttyS1");
  }
  line.baud = static_cast<int>(rtu.optional_integer("baud", 1200, 1000000).value_or(line.baud));
  if (const auto parity = rtu.optional_choice("parity", {"none", "even", "odd"})) {
    line.parity = parity_from(*parity);
  }
  line.data_bits = static_cast<int>(rtu.optional_integer("data_bits", 7, 8).value_or(8));
  line.stop_bits = static_cast<int>(rtu.optional_integer("stop_bits", 1, 2).value_or(1));
  line.rs485 = rtu.optional_boolean("rs485").value_or(false);
  rtu.reject_unknown_keys();
  return line;
}

hal::TcpEndpoint read_tcp_endpoint(const Table& tcp) {
  hal::TcpEndpoint endpoint;
  endpoint.host = tcp.string("host");
  if (endpoint.host.empty()) {
    tcp.fail("host", "the host is empty; give the gateway's address or name");
  }
  endpoint.port = static_cast<std::uint16_t>(tcp.optional_integer("port", 1, 65535).value_or(502));
  tcp.reject_unknown_keys();
  return endpoint;
}

hal::BusLink read_link(const Table& bus) {
  const auto transport = bus.choice("transport", {"rtu", "tcp"});
  const std::string other = transport == "rtu" ? "tcp" : "rtu";
  if (bus.has(other)) {
    bus.fail(other, "a [bus." + other + "] table does not belong to a bus with transport = \"" +
                        transport + "\"; remove it, or set transport = \"" + other + "\"");
  }
  if (!bus.has(transport)) {
    const std::string keys =
        transport == "rtu" ? "device, and optionally baud, parity, data_bits, stop_bits, rs485"
                           : "host, and optionally port";
    bus.fail("transport", "transport = \"" + transport + "\" needs a [bus." + transport +
                              "] table (" + keys + "); add one after this bus's keys");
  }
  if (transport == "rtu") return read_rtu_line(bus.table("rtu"));
  return read_tcp_endpoint(bus.table("tcp"));
}

hal::ActuatorProfile read_profile(const Table& bus, const std::filesystem::path& directory,
                                  std::filesystem::path& path_out) {
  path_out = required_path(bus, "profile", directory);
  std::error_code error;
  if (!std::filesystem::is_regular_file(path_out, error)) {
    bus.fail("profile", path_out.string() +
                            " is not a readable file; give the path of an actuator profile "
                            "(a relative path starts at the configuration file's directory)");
  }
  return hal::load_profile(path_out);
}

void read_timeouts(const Table& bus, const ControlSection& control, hal::BusConfig& out) {
  out.response_timeout =
      std::chrono::milliseconds(bus.optional_integer("response_timeout_ms", 1, 1000).value_or(20));
  out.drive_comm_timeout = std::chrono::milliseconds(
      bus.optional_integer("drive_comm_timeout_ms", 50, 10000).value_or(300));
  // The drives see a new heartbeat once per control cycle; a timeout shorter than two cycles
  // would stop them whenever one cycle runs late.
  const auto two_cycles = 2 * control.cycle_period();
  if (out.drive_comm_timeout < two_cycles) {
    const auto minimum = std::chrono::ceil<std::chrono::milliseconds>(two_cycles).count();
    bus.fail("drive_comm_timeout_ms",
             std::to_string(out.drive_comm_timeout.count()) +
                 " ms is shorter than two control cycles at control.rate_hz = " +
                 std::to_string(control.rate_hz) +
                 ", so the drives would stop between heartbeats; allowed " +
                 std::to_string(minimum) + "..10000");
  }
  const auto action =
      bus.optional_choice("drive_comm_loss_action", {"quick_stop", "halt"}).value_or("quick_stop");
  out.drive_comm_loss_action =
      action == "halt" ? hal::CommLossAction::halt : hal::CommLossAction::quick_stop;
}

// Checks what spans buses: unique bus names, serial lines and axis kinds.
class ChairWiring {
 public:
  void add_bus_name(const Table& bus, const std::string& name) {
    remember(bus, "name", "bus:" + name, "\"" + name + "\" already names the bus",
             "give each bus its own name");
  }

  void add_link(const Table& bus, const std::string& bus_name, const hal::BusLink& link) {
    if (const auto* line = std::get_if<hal::RtuLine>(&link)) {
      remember(bus.table("rtu"), "device", "device:" + line->device.string(),
               line->device.string() + " is already the line of bus \"" + bus_name + "\"",
               "put all drives of one line on one bus");
    }
  }

  void add_axis(const Table& axis, const std::string& bus_name, const hal::AxisWiring& wiring) {
    const std::string kind(hal::to_string(wiring.kind));
    remember(axis, "kind", "axis:" + kind,
             "the " + kind + " axis is already driven by unit " + std::to_string(wiring.unit_id) +
                 " on bus \"" + bus_name + "\"",
             "each of the five axis kinds is driven exactly once over all buses");
    remember(
        axis, "unit", "unit:" + bus_name + ":" + std::to_string(wiring.unit_id),
        "unit " + std::to_string(wiring.unit_id) + " is already used on bus \"" + bus_name + "\"",
        "give each drive on a bus its own unit id, " + std::to_string(kMinUnitId) + ".." +
            std::to_string(kMaxUnitId));
  }

  void require_every_axis(const Table& root) const {
    for (const auto kind : hal::kAllAxisKinds) {
      const std::string name(hal::to_string(kind));
      if (!seen_.contains("axis:" + name)) {
        root.fail("bus", "no drive for the " + name + " axis; add a [[bus.axis]] with kind = \"" +
                             name + "\" and its unit id to a bus");
      }
    }
  }

 private:
  // Throws, located at `key`, when `identity` was seen before. `what` describes this
  // declaration and is kept if it is the first, for the message about a second one; `fix` says
  // what to do.
  void remember(const Table& table, std::string_view key, const std::string& identity,
                const std::string& what, const std::string& fix) {
    const auto [it, inserted] = seen_.emplace(identity, FirstSeen{table.where(key), what});
    if (!inserted) {
      table.fail(key, it->second.what + " (" + it->second.where + "); " + fix);
    }
  }

  std::map<std::string, FirstSeen> seen_;
};

std::vector<hal::AxisWiring> read_axes(const Table& bus, const std::string& bus_name,
                                       ChairWiring& wiring) {
  std::vector<std::string_view> kinds;
  for (const auto kind : hal::kAllAxisKinds) kinds.push_back(hal::to_string(kind));
  std::vector<hal::AxisWiring> out;
  for (const auto& axis : bus.array_of_tables("axis")) {
    hal::AxisWiring w;
    w.kind = *hal::axis_kind_from_string(axis.choice("kind", kinds));
    w.unit_id = static_cast<int>(axis.integer("unit", kMinUnitId, kMaxUnitId));
    axis.reject_unknown_keys();
    wiring.add_axis(axis, bus_name, w);
    out.push_back(w);
  }
  return out;
}

hal::BusConfig read_bus(const Table& bus, const std::filesystem::path& directory,
                        const ControlSection& control, ChairWiring& wiring) {
  hal::BusConfig out;
  out.name = bus.string("name");
  if (out.name.empty()) bus.fail("name", "the name is empty; name the bus, such as \"main\"");
  wiring.add_bus_name(bus, out.name);
  out.link = read_link(bus);
  wiring.add_link(bus, out.name, out.link);
  out.profile = read_profile(bus, directory, out.profile_path);
  read_timeouts(bus, control, out);
  out.axes = read_axes(bus, out.name, wiring);
  bus.reject_unknown_keys();
  return out;
}

}  // namespace

std::vector<hal::BusConfig> read_bus_sections(const Table& root,
                                              const std::filesystem::path& config_directory,
                                              const ControlSection& control) {
  ChairWiring wiring;
  std::vector<hal::BusConfig> buses;
  for (const auto& bus : root.array_of_tables("bus")) {
    buses.push_back(read_bus(bus, config_directory, control, wiring));
  }
  wiring.require_every_axis(root);
  return buses;
}

}  // namespace massaged
