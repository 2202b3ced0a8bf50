#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <span>
#include <thread>
#include <vector>

#include "sim/register_server.hpp"
#include "sim/server/device_link.hpp"
#include "sim/server/file_descriptor.hpp"
#include "sim/server/line_timing.hpp"
#include "sim/server/link_faults.hpp"
#include "sim/server/pdu_responder.hpp"
#include "sim/server/pseudo_terminal.hpp"

// Modbus RTU on a pseudo-terminal, behaving as the drives on an RS-485 line would: frames
// delimited by their function code, a bad CRC or another unit's frame answered with silence,
// unit 0 writes applied by every drive and answered by none, and each answer held back by the
// time the exchange would take on the wire at the configured baud rate.
namespace sim {

struct RtuServerOptions {
  // Where the master finds the line; a symbolic link to the pseudo-terminal is made there.
  std::filesystem::path device;
  SerialLineTiming line;
  // The quiet time that ends a frame whose length its function code does not tell (and throws
  // away an unfinished one). Longer than 3.5 characters because a pseudo-terminal passes data
  // in bursts whenever the scheduler lets the writer run, not at line speed.
  std::chrono::milliseconds frame_silence{5};
};

class ModbusRtuServer {
 public:
  // Creates the pseudo-terminal and the link, then serves on a thread of its own until
  // destroyed, when the link is removed. Throws std::runtime_error or std::system_error saying
  // what could not be set up. `drives` and `faults` must outlive the server.
  ModbusRtuServer(RegisterServer& drives, LinkFaultInjector& faults, RtuServerOptions options);
  ~ModbusRtuServer();
  ModbusRtuServer(const ModbusRtuServer&) = delete;
  ModbusRtuServer& operator=(const ModbusRtuServer&) = delete;

  // The link the master opens, and the pseudo-terminal it leads to.
  [[nodiscard]] const std::filesystem::path& device() const { return link_.path(); }
  [[nodiscard]] const std::filesystem::path& pty() const { return pty_.slave_path(); }

 private:
  using Clock = std::chrono::steady_clock;

  void serve();
  void take_complete_frames();
  void end_of_silence();
  void handle_frame(std::span<const std::uint8_t> frame);
  // False when the server is stopping.
  bool wait_for(Clock::time_point deadline);
  void send(const std::vector<std::uint8_t>& frame);

  PduResponder responder_;
  RegisterServer* drives_;
  LinkFaultInjector* faults_;
  RtuServerOptions options_;
  PseudoTerminal pty_;
  DeviceLink link_;
  FileDescriptor wake_;  // eventfd: tells the thread to stop
  std::vector<std::uint8_t> received_;
  Clock::time_point last_byte_at_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace sim
