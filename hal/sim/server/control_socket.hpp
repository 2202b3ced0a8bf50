#pragma once

#include <filesystem>
#include <functional>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <nlohmann/json.hpp>

// The simulator's control socket: how tests and people change the simulated world while the
// daemon talks to it (fault a drive, move the body, break the link) and read back the truth.
//
// Protocol
// --------
// A Unix stream socket (chair-sim --control PATH). Newline-delimited JSON: the client sends one
// JSON object per line, the simulator answers each with one JSON object on one line, in order.
// Several clients may be connected at once; their commands run one at a time. Try it with
//
//     socat - UNIX-CONNECT:PATH
//
// Every reply has "ok". A refused or malformed request is {"ok":false,"error":"what is wrong"}
// and changes nothing; the connection stays open. Lines longer than 64 KiB close it.
//
// Commands (key "cmd"):
//
//   {"cmd":"state"}
//     -> {"ok":true,"time_s":12.5,
//         "axes":{"travel":{"unit":1,"position":420.0,"velocity":0.0,"enabled":true,
//                           "homed":true,"fault":false,"alarm":0,"quick_stop":false,
//                           "current_ma":310.0,"temperature_c":31.2}, "width":{...}, ...},
//         "contact_force_n":18.4,"load_cell_n":18.9,"seated":true}
//     The simulated truth. Positions in mm (travel, width, depth) or degrees (knead, tap),
//     velocities in mm/s or rpm. "alarm" is the drive's ALARM register value (0 = none).
//     "contact_force_n" is the true force between rollers and back; "load_cell_n" is what the
//     depth drive's sensor reports, before calibration.
//
//   {"cmd":"link","drop":0.2,"corrupt":0.1,"delay_ms":30,"silent":false,"unit":3}
//     Link faults, any subset of the fields; those not given stay as they are. "drop" and
//     "corrupt" are shares of answers (0..1): dropped answers are never sent, corrupted ones
//     carry a bad CRC (RTU) or a malformed MBAP header (TCP). "delay_ms" (0..60000) holds
//     every answer back; "silent" stops all answers. With "unit" the change applies to that
//     unit only (starting from the bus-wide faults), otherwise to the whole bus.
//     -> {"ok":true}
//   {"cmd":"clear"}
//     Clears every link fault, bus-wide and per unit. -> {"ok":true}
//
//   {"cmd":"stall","axis":"travel","on":true}
//     Blocks (or frees) the axis mechanically; a driven stalled axis draws stall current.
//   {"cmd":"alarm","axis":"depth","kind":"over_temperature"}
//     Raises an alarm on the drive. "kind" is one of stall, over_temperature, following_error,
//     encoder, communication_loss, end_stop, under_voltage, force_overload, not_homed.
//   {"cmd":"reboot","axis":"width"}
//     Power-cycles one drive ("axis":"all": every drive); configuration registers survive.
//   {"cmd":"body","seated":true,"shoulder_mm":430,"stiffness":1.0,
//    "nodules":[{"travel_mm":520,"lateral_mm":35,"radius_mm":15,"stiffness":2.0}]}
//     Changes the person in the chair, any subset of the fields. "shoulder_mm" is the top of
//     the shoulders along the travel axis; "stiffness" scales how hard the back pushes back;
//     "nodules" replaces the list of hard spots (travel position and lateral offset from the
//     spine in mm, radius in mm, stiffness relative to the surrounding tissue).
//   {"cmd":"reference_load","newtons":50}
//     Places a calibration load of known force against the rollers in place of a body;
//     "newtons":null removes it.
//     -> {"ok":true}
namespace sim {

class ControlSocket {
 public:
  // Answers one request object. An exception it throws becomes {"ok":false,"error":what()}.
  using Handler = std::function<nlohmann::json(const nlohmann::json& request)>;

  // Listens at `path` and serves on a thread of its own until destroyed, when the socket file
  // is removed. A stale socket left by a killed simulator is replaced; a live one, or any other
  // file at the path, is an error (std::runtime_error naming the path).
  ControlSocket(std::filesystem::path path, Handler handler);
  ~ControlSocket();
  ControlSocket(const ControlSocket&) = delete;
  ControlSocket& operator=(const ControlSocket&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  void accept_next();

  std::filesystem::path path_;
  Handler handler_;
  boost::asio::io_context io_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
  std::thread thread_;
};

// The reply to one line of the protocol: parses it, checks it is an object with a "cmd", and
// asks `handler`; never throws.
[[nodiscard]] nlohmann::json answer_control_line(const std::string& line,
                                                 const ControlSocket::Handler& handler);

}  // namespace sim
