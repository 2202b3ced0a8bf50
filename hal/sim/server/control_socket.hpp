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
// A Unix stream socket (chair-sim --control PATH), readable and writable by its owner only.
// Newline-delimited JSON: the client sends one JSON object per line, the simulator answers each
// with one JSON object on one line, in order. Several clients may be connected at once; their
// commands run one at a time. Try it with
//
//     socat - UNIX-CONNECT:PATH
//
// Every reply has "ok". A refused or malformed request (not JSON, no "cmd", an unknown command
// or field, a value of the wrong type or out of range) is {"ok":false,"error":"what is wrong"}
// and changes nothing; the connection stays open. A line longer than 64 KiB closes it.
//
// Commands (key "cmd"); unless stated otherwise the reply is {"ok":true}.
//
//   {"cmd":"state"}
//     The simulated truth:
//     {"ok":true,"time_s":12.5,
//      "axes":{"travel":{"unit":1,"position":420.0,"velocity":0.0,"enabled":true,"homed":true,
//                        "homing":false,"fault":false,"alarm":0,"alarm_kind":null,
//                        "quick_stop":false,"stalled":false,"comm_lost":false,
//                        "force_limited":false,"current_ma":310.0,"temperature_c":31.2},
//              "width":{...},"depth":{...},"knead":{...},"tap":{...}},
//      "contact_force_n":18.4,"load_cell_n":18.9,"reference_load_n":0.0,"seated":true,
//      "shoulder_mm":440.0,"nodule_tension":[1.0]}
//     "time_s" is the physics' simulated time. Positions are mm (travel, width, depth; the
//     mechanism's true place, whatever the drive reports before homing) or degrees of phase
//     (knead, tap); velocities mm/s or rpm. "alarm" is the drive's ALARM register value (0 =
//     none) and "alarm_kind" its meaning (stall, over_temperature, ...; null when none).
//     "quick_stop" is true while a quick stop is under way or holds the drive.
//     "contact_force_n" is the true force between rollers and back; "load_cell_n" what the
//     depth drive's uncalibrated load cell reads; "nodule_tension" 1 (taut) .. 0.25 (released)
//     per nodule.
//
//   {"cmd":"observer"}
//     What the chair's safety observer saw (docs/safety.md, "The safety observer"):
//     {"ok":true,"body_scanned":true,"dropped":0,
//      "findings":[{"rule":"region_force","began_s":61.2,"ended_s":61.9,"axis":null,
//                   "travel_mm":802.0,"lateral_mm":35.0,"region":"kidney zone","value":9.6,
//                   "limit":8.8,"unit":"N","text":"at 61.200 s to 61.900 s: contact force ..."}]}
//     One finding per unsafe episode, with the worst value it reached; "axis" names the axis
//     for rules about one axis (null for the contact as a whole); "region" is the part of the
//     back under the rollers (neck, thoracic, kidney zone, lumbar; null with nobody seated);
//     "body_scanned" whether it has seen the seated person's back scanned; "dropped" findings
//     beyond the 1000 it keeps. Empty "findings": nothing unsafe happened.
//
//   {"cmd":"link","drop":0.2,"corrupt":0.1,"delay_ms":30,"silent":false,"unit":3}
//     Link faults; any subset of the fields, those not given stay as they are. "drop" and
//     "corrupt" are shares of answers (0..1): a dropped answer is never sent (the request did
//     reach the drive), a corrupted one carries a bad CRC (RTU) or a malformed MBAP header
//     (TCP). "delay_ms" (0..60000) holds every answer back. "silent":true cuts the link:
//     requests no longer reach the drive and nothing is answered. With "unit" (1..247) the
//     change applies to that unit only, starting from the bus-wide faults; otherwise to the
//     whole bus (and a bus-wide cut also keeps RTU broadcasts from the drives).
//   {"cmd":"clear"}
//     Clears every link fault, bus-wide and per unit.
//
//   {"cmd":"stall","axis":"travel","on":true}
//     Blocks ("on":true) or frees the axis mechanically; a driven blocked axis draws the current
//     of a blocked motor, and the drive raises its stall alarm after STALL_CURRENT for 200 ms.
//   {"cmd":"alarm","axis":"depth","kind":"over_temperature"}
//     Raises an alarm on the drive as if it had detected it. "kind": stall, over_temperature,
//     following_error, encoder, communication_loss, end_stop, under_voltage, force_overload,
//     not_homed (the profile must define an alarm of that kind).
//   {"cmd":"reboot","axis":"width"}
//     Power-cycles one drive ("axis":"all": every drive): not enabled, not homed, command
//     registers as at power-up; configuration registers survive.
//   {"cmd":"replace_drive","axis":"depth","serial":20269999}
//     Puts another drive in place of one, as a technician swaps it: its own serial number
//     (0..4294967295), powered up, its configuration registers as shipped.
//   {"cmd":"motor_temperature","axis":"depth","celsius":78}
//     Sets the motor's winding temperature (-20..150 °C), e.g. to provoke over-temperature.
//   {"cmd":"body","seated":true,"shoulder_mm":430,"seat_mm":1000,"stiffness":1.0,
//    "sitting_forward_mm":0,"back_end_mm":0,
//    "nodules":[{"travel_mm":520,"lateral_mm":35,"radius_mm":15,"stiffness":2.0}]}
//     Changes the person in the chair; any subset of the fields, the others stay. The tissue
//     starts at rest. "shoulder_mm" is the top of the shoulders and "seat_mm" where the backrest
//     meets the seat, along the travel axis; "sitting_forward_mm" (0..200) how far forward of
//     the backrest the person sits, their back leaning away from the rollers toward the seat;
//     "back_end_mm" how far above the seat their back ends, curving away from the rollers below
//     (0: it reaches the seat); "stiffness" (0.1..10) scales how firmly the whole
//     back pushes back. "nodules" replaces the list of trigger points: travel position and
//     lateral offset from the spine (0..150) in mm, radius 3..60 mm, and "stiffness" 0..10,
//     the extra stiffness relative to the tissue around it (2.0 = three times as stiff). An
//     implausible body (shoulders less than 300 mm above the seat, ...) is refused.
//   {"cmd":"reference_load","newtons":50}
//     Places a calibration load of known force (0..1000 N) against the rollers, meant with
//     nobody seated; "newtons":null removes it.
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
