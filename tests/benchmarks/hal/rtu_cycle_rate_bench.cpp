// HAL cycles over Modbus RTU at 115200 baud through the simulator's line-time emulation, five
// drives on one line: the cycles per second achieved against the most the line can carry, as
// computed from the frame sizes.
//
//   hal_rtu_cycle_rate_bench [--cycles N] [--baud B] [--smoke]
//
// The line's limit: each function-23 exchange puts its request and its answer on the wire, each
// frame followed by the 3.5 characters of silence that end it; five exchanges make a cycle.
// Goal: achieved_to_theoretical_ratio >= 0.90.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <stdexcept>

#include "bench_output.hpp"
#include "in_process_chair.hpp"
#include "modbus/chair_drives.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// Bytes of an RTU frame of function 23 and of its answer, for this profile's blocks.
struct ExchangeBytes {
  std::size_t request = 0;
  std::size_t answer = 0;
};

ExchangeBytes function_23_bytes(const hal::ActuatorProfile& profile) {
  const std::size_t writes = profile.command_block.count;
  const std::size_t reads = profile.status_block.count;
  // unit, function, read address, read count, write address, write count, byte count, data, CRC
  const std::size_t request = 1 + 1 + 2 + 2 + 2 + 2 + 1 + 2 * writes + 2;
  // unit, function, byte count, data, CRC
  const std::size_t answer = 1 + 1 + 1 + 2 * reads + 2;
  return {request, answer};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("HAL cycle rate over Modbus RTU against the line's theoretical maximum");
  int cycles = 150;
  int baud = 115200;
  bool smoke = false;
  app.add_option("--cycles", cycles, "Cycles of five drives to time")
      ->check(CLI::Range(1, 100'000));
  app.add_option("--baud", baud, "Line speed")
      ->check(CLI::IsMember({9600, 19200, 38400, 57600, 115200}));
  app.add_flag("--smoke", smoke, "A tiny run that only proves the benchmark works");
  CLI11_PARSE(app, argc, argv);
  if (smoke) cycles = 5;

  try {
    bench::InProcessChair chair({.link = bench::Link::rtu, .baud = baud});
    hal::ChairDrives drives({chair.bus_config(std::chrono::milliseconds{200})});
    if (!drives.connect().empty() || !drives.activate().empty()) {
      std::fprintf(stderr, "the HAL could not bring the simulated drives up\n");
      return 1;
    }
    for (int c = 0; c < 3; ++c) (void)drives.cycle(std::chrono::seconds{1});  // warm up

    const auto start = Clock::now();
    for (int c = 0; c < cycles; ++c) {
      const auto report = drives.cycle(std::chrono::seconds{1});
      if (!report.all_ok()) {
        throw std::runtime_error("HAL cycle failed: " + report.errors().front().message());
      }
    }
    const double achieved = cycles / std::chrono::duration<double>(Clock::now() - start).count();

    const auto bytes = function_23_bytes(chair.profile());
    const auto line = chair.line_timing();
    const auto exchange =
        line.wire_time(bytes.request + bytes.answer) + 2 * line.inter_frame_silence();
    const double theoretical = 1.0 / (5 * std::chrono::duration<double>(exchange).count());
    const auto stats = drives.statistics();

    bench::print("baud", baud);
    bench::print("bits_per_character", line.bits_per_character());
    bench::print("drives_per_cycle", 5);
    bench::print("request_bytes", static_cast<double>(bytes.request));
    bench::print("answer_bytes", static_cast<double>(bytes.answer));
    bench::print("exchange_line_time_us", bench::microseconds(exchange));
    bench::print("theoretical_max_cycles_per_s", theoretical);
    bench::print("achieved_cycles_per_s", achieved);
    bench::print("achieved_to_theoretical_ratio", achieved / theoretical);
    bench::print("goal_ratio_min", 0.90);
    bench::print("hal_transaction_p50_us", bench::microseconds(stats.times.percentile(0.5)));
    bench::print("hal_transaction_p99_us", bench::microseconds(stats.times.percentile(0.99)));
    bench::print("hal_timeouts", static_cast<double>(stats.timeouts));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hal_rtu_cycle_rate_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
