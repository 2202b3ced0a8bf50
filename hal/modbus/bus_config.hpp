#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "profile/actuator_profile.hpp"
#include "profile/axis_kind.hpp"

// How the chair's drives are wired: which buses, how each is reached, which drives sit on it.
// The daemon's configuration fills these in; the HAL only reads them.
namespace hal {

enum class Parity { none, even, odd };

struct RtuLine {
  std::filesystem::path device;  // e.g. /dev/ttyS1
  int baud = 115200;
  Parity parity = Parity::even;
  int data_bits = 8;
  int stop_bits = 1;
  bool rs485 = false;  // switch the UART into RS-485 mode (TIOCSRS485)
};

struct TcpEndpoint {
  std::string host;
  std::uint16_t port = 502;
};

// Drives reached through a function call instead of a line: the request PDU for `unit` in
// (function code and data, as on the wire but without unit id, MBAP header or CRC), the answer
// PDU out, empty when nothing answers. The HAL encodes every request and checks every answer
// as it does on RTU and TCP (see modbus/pdu_codec.hpp); what answers is the caller's wiring, in
// tests and benchmarks the simulated chair, so that stepped-time sessions cost no socket.
struct InMemoryLink {
  using Exchange =
      std::function<std::vector<std::uint8_t>(int unit, std::span<const std::uint8_t> request)>;
  Exchange exchange;
  std::string name = "drives";  // for messages: "in-memory drives"
};

using BusLink = std::variant<RtuLine, TcpEndpoint, InMemoryLink>;

// How a bus is reached, for people: "rtu /dev/ttyS1", "tcp 127.0.0.1:1502", "in-memory drives".
[[nodiscard]] std::string link_text(const BusLink& link);

// One drive on a bus.
struct AxisWiring {
  AxisKind kind = AxisKind::travel;
  int unit_id = 1;  // 1..247
};

struct BusConfig {
  std::string name;  // for logs and statistics, e.g. "main"
  BusLink link;
  ActuatorProfile profile;             // the register map of every drive on this bus
  std::filesystem::path profile_path;  // where the profile was read from, for messages
  std::vector<AxisWiring> axes;
  std::chrono::milliseconds response_timeout{20};
  std::chrono::milliseconds reconnect_backoff_min{100};
  std::chrono::milliseconds reconnect_backoff_max{5000};
  // This many timeouts in a row, on any drives of the bus, and the link counts as lost: it is
  // closed and opened again (a silent gateway or a line that went dead keeps TCP "connected").
  int timeouts_before_reconnect = 3;
  // Every this many cycles, one active drive (in turn) has its limit registers read back, to
  // catch a power cycle its status cannot show (see audit_limits in hal/modbus/drive_checks.hpp);
  // at 100 cycles/s and five drives, each is checked twice a second for 2 % more transactions.
  // 0 turns the audit off.
  int limit_audit_every_cycles = 10;
  // Written to each drive at start-up: COMM_TIMEOUT and COMM_LOSS_ACTION (the drives ship with
  // them off). A daemon that dies leaves the drives to stop themselves after this long.
  std::chrono::milliseconds drive_comm_timeout{300};
  CommLossAction drive_comm_loss_action = CommLossAction::quick_stop;
};

}  // namespace hal
