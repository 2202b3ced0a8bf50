// HAL cycle throughput against the simulated chair over TCP loopback, next to the same
// function-23 transactions done by a bare libmodbus loop, in one run: how much the HAL's
// structure (a thread per bus, frames, checks, statistics) costs over the wire's own time.
//
//   hal_cycle_throughput_bench [--cycles N] [--rounds R] [--smoke]
//
// Goal: hal_to_bare_ratio >= 0.95.

#include <modbus/modbus.h>

#include <CLI/CLI.hpp>
#include <array>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "bench_output.hpp"
#include "in_process_chair.hpp"
#include "modbus/chair_drives.hpp"
#include "profile/register_image.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// The HAL's cycle, by hand: per drive, one function 23 writing CONTROL, SETPOINT and HEARTBEAT
// and reading the status block, as fast as the link answers.
class BareLoop {
 public:
  BareLoop(const std::string& host, std::uint16_t port, const hal::ActuatorProfile& profile)
      : profile_(&profile), context_(modbus_new_tcp(host.c_str(), port)) {
    if (context_ == nullptr || modbus_connect(context_) != 0) {
      throw std::runtime_error("bare libmodbus loop: cannot connect to " + host + ":" +
                               std::to_string(port));
    }
    modbus_set_response_timeout(context_, 1, 0);
    // Hold each drive where it stands, as the HAL does: a setpoint of 0 would be outside the
    // width axis's soft limits.
    const auto status = profile_->status_block;
    std::array<std::uint16_t, 64> words{};
    for (int unit = 1; unit <= 5; ++unit) {
      modbus_set_slave(context_, unit);
      if (modbus_read_registers(context_, status.start, status.count, words.data()) < 0) {
        throw std::runtime_error(std::string("bare libmodbus loop: ") + modbus_strerror(errno));
      }
      const hal::RegisterImage image(
          status, profile_->word_order,
          std::vector<std::uint16_t>(words.begin(), words.begin() + status.count));
      setpoints_[unit - 1] =
          static_cast<std::uint16_t>(image.get(profile_->status.position) & 0xFFFF);
    }
  }
  ~BareLoop() {
    modbus_close(context_);
    modbus_free(context_);
  }
  BareLoop(const BareLoop&) = delete;
  BareLoop& operator=(const BareLoop&) = delete;

  // Cycles per second over `cycles` cycles of five drives.
  double run(int cycles) {
    const auto write = profile_->command_block;
    const auto read = profile_->status_block;
    std::array<std::uint16_t, 64> status{};
    const auto start = Clock::now();
    for (int c = 0; c < cycles; ++c) {
      for (int unit = 1; unit <= 5; ++unit) {
        std::array<std::uint16_t, 3> command = {0, setpoints_[unit - 1], ++heartbeat_};
        modbus_set_slave(context_, unit);
        if (modbus_write_and_read_registers(context_, write.start, write.count, command.data(),
                                            read.start, read.count, status.data()) < 0) {
          throw std::runtime_error(std::string("bare libmodbus loop: ") + modbus_strerror(errno));
        }
      }
    }
    return cycles / std::chrono::duration<double>(Clock::now() - start).count();
  }

 private:
  const hal::ActuatorProfile* profile_;
  modbus_t* context_;
  std::array<std::uint16_t, 5> setpoints_{};
  std::uint16_t heartbeat_ = 0;
};

double run_hal(hal::ChairDrives& drives, int cycles) {
  const auto start = Clock::now();
  for (int c = 0; c < cycles; ++c) {
    const auto report = drives.cycle(std::chrono::seconds{1});
    if (!report.all_ok()) {
      throw std::runtime_error("HAL cycle failed: " + report.errors().front().message());
    }
  }
  return cycles / std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("HAL cycle throughput over TCP loopback against a bare libmodbus loop");
  int cycles = 200;
  int rounds = 41;
  bool smoke = false;
  app.add_option("--cycles", cycles, "Cycles of five drives per round")
      ->check(CLI::Range(1, 1'000'000));
  app.add_option("--rounds", rounds,
                 "Rounds of each, alternating so that both see the same machine load; medians "
                 "are reported")
      ->check(CLI::Range(1, 1000));
  app.add_flag("--smoke", smoke, "A tiny run that only proves the benchmark works");
  CLI11_PARSE(app, argc, argv);
  if (smoke) {
    cycles = 20;
    rounds = 1;
  }

  try {
    bench::InProcessChair chair({.link = bench::Link::tcp});
    BareLoop bare(chair.host(), chair.port(), chair.profile());
    hal::ChairDrives drives({chair.bus_config(std::chrono::milliseconds{1000})});
    if (!drives.connect().empty() || !drives.activate().empty()) {
      std::fprintf(stderr, "the HAL could not bring the simulated drives up\n");
      return 1;
    }
    bare.run(cycles);  // warm up both: connections, caches, the simulator's threads
    run_hal(drives, cycles);

    std::vector<double> bare_rates;
    std::vector<double> hal_rates;
    for (int r = 0; r < rounds; ++r) {
      bare_rates.push_back(bare.run(cycles));
      hal_rates.push_back(run_hal(drives, cycles));
    }
    const double bare_rate = bench::median(bare_rates);
    const double hal_rate = bench::median(hal_rates);
    const auto stats = drives.statistics();
    bench::print("drives_per_cycle", 5);
    bench::print("cycles_per_round", cycles);
    bench::print("rounds", rounds);
    bench::print("bare_libmodbus_cycles_per_s", bare_rate);
    bench::print("hal_cycles_per_s", hal_rate);
    std::vector<double> ratios;
    for (int r = 0; r < rounds; ++r) ratios.push_back(hal_rates[r] / bare_rates[r]);
    bench::print("hal_to_bare_ratio", hal_rate / bare_rate);
    bench::print("hal_to_bare_ratio_of_paired_rounds_median", bench::median(ratios));
    bench::print("goal_hal_to_bare_ratio_min", 0.95);
    bench::print("hal_transaction_p50_us", bench::microseconds(stats.times.percentile(0.5)));
    bench::print("hal_transaction_p90_us", bench::microseconds(stats.times.percentile(0.9)));
    bench::print("hal_transaction_p99_us", bench::microseconds(stats.times.percentile(0.99)));
    bench::print("hal_transaction_max_us", bench::microseconds(stats.times.max()));
    bench::print("hal_transactions", static_cast<double>(stats.transactions));
    bench::print("hal_timeouts", static_cast<double>(stats.timeouts));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hal_cycle_throughput_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
