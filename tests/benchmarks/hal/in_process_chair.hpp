#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "modbus/bus_config.hpp"
#include "quick_stop_witness.hpp"
#include "sim/chair/simulated_chair.hpp"
#include "sim/server/line_timing.hpp"
#include "sim/server/link_faults.hpp"
#include "sim/server/real_time_runner.hpp"
#include "sim/server/rtu_server.hpp"
#include "sim/server/tcp_server.hpp"
#include "support/temp_directory.hpp"

// The simulated chair served from the benchmark's own process: the RA-1 profile's five drives,
// physics in real time, Modbus over TCP loopback or over a pseudo-terminal with the line time of
// the given baud rate, behind a QuickStopWitness.
namespace bench {

enum class Link { tcp, rtu };

struct InProcessChairOptions {
  Link link = Link::tcp;
  int baud = 115200;  // RTU: the line time the simulator emulates, and the HAL's setting
};

class InProcessChair {
 public:
  explicit InProcessChair(InProcessChairOptions options);
  ~InProcessChair();
  InProcessChair(const InProcessChair&) = delete;
  InProcessChair& operator=(const InProcessChair&) = delete;

  // One bus with the five drives at unit ids 1..5, pointed at this chair.
  [[nodiscard]] hal::BusConfig bus_config(std::chrono::milliseconds response_timeout) const;
  [[nodiscard]] QuickStopWitness& witness() { return witness_; }
  [[nodiscard]] const hal::ActuatorProfile& profile() const { return chair_.profile(); }
  [[nodiscard]] const std::string& host() const { return host_; }
  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] sim::SerialLineTiming line_timing() const;

 private:
  InProcessChairOptions options_;
  test_support::TempDirectory dir_;
  sim::SimulatedChair chair_;
  sim::LinkFaultInjector faults_{1};
  QuickStopWitness witness_{chair_};
  sim::RealTimeRunner physics_;
  std::unique_ptr<sim::ModbusTcpServer> tcp_;
  std::unique_ptr<sim::ModbusRtuServer> rtu_;
  std::string host_;
  std::uint16_t port_ = 0;
};

}  // namespace bench
