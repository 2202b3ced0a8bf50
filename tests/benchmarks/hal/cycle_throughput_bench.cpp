// HAL cycle throughput against the simulated chair over TCP loopback, next to the same
// function-23 transactions done by a bare libmodbus loop, in one process: how much the HAL's
// structure (a thread per bus, frames, checks, statistics) costs over the wire's own time.
//
//   hal_cycle_throughput_bench [--cycles N] [--rounds R] [--smoke]
//
// The two take turns in rounds of N cycles, in pairs whose order alternates (bare then HAL, HAL
// then bare), so that both see the same machine load; each pair gives one ratio. The result is
// the median of the pairs' ratios, with their quartiles and extremes as its spread, and next to
// it the processor time each spends per cycle. Both are connected the same way (libmodbus's TCP
// context, TCP_NODELAY, a 1 s response timeout) and warm up before the rounds. On a machine
// shared with other work a single run means little: quote the median of several.
// Goal: hal_to_bare_ratio (the median of the paired rounds) >= 0.95.

#include <modbus/modbus.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <string>

#include "bench_output.hpp"
#include "in_process_chair.hpp"
#include "modbus/chair_drives.hpp"
#include "profile/register_image.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// What one round of cycles gave: its rate, and the processor time the whole process spent per
// cycle (the simulator's threads included, the same for both loops).
struct Round {
  double cycles_per_s = 0.0;
  double cpu_us_per_cycle = 0.0;
};

std::chrono::nanoseconds process_cpu_time() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return std::chrono::seconds{now.tv_sec} + std::chrono::nanoseconds{now.tv_nsec};
}

template <class Cycle>
Round timed(int cycles, Cycle cycle) {
  const auto cpu = process_cpu_time();
  const auto start = Clock::now();
  for (int c = 0; c < cycles; ++c) cycle();
  const auto wall = std::chrono::duration<double>(Clock::now() - start).count();
  return {cycles / wall, bench::microseconds(process_cpu_time() - cpu) / cycles};
}

// The HAL's cycle, by hand: per drive, one function 23 writing CONTROL, SETPOINT and HEARTBEAT
// and reading the status block, as fast as the link answers.
class BareLoop {
 public:
  BareLoop(const std::string& host, std::uint16_t port, const hal::ActuatorProfile& profile)
      : profile_(&profile),
        context_(modbus_new_tcp_pi(host.c_str(), std::to_string(port).c_str())) {
    // Set up as the HAL sets up its own context (see ModbusLink::open).
    if (context_ != nullptr) {
      modbus_set_response_timeout(context_, 1, 0);
      modbus_set_byte_timeout(context_, 1, 0);
    }
    if (context_ == nullptr || modbus_connect(context_) != 0) {
      modbus_free(context_);
      throw std::runtime_error("bare libmodbus loop: cannot connect to " + host + ":" +
                               std::to_string(port));
    }
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

  // `cycles` cycles of five drives.
  Round run(int cycles) {
    return timed(cycles, [this] {
      const auto write = profile_->command_block;
      const auto read = profile_->status_block;
      std::array<std::uint16_t, 64> status{};
      for (int unit = 1; unit <= 5; ++unit) {
        std::array<std::uint16_t, 3> command = {0, setpoints_[unit - 1], ++heartbeat_};
        modbus_set_slave(context_, unit);
        if (modbus_write_and_read_registers(context_, write.start, write.count, command.data(),
                                            read.start, read.count, status.data()) < 0) {
          throw std::runtime_error(std::string("bare libmodbus loop: ") + modbus_strerror(errno));
        }
      }
    });
  }

 private:
  const hal::ActuatorProfile* profile_;
  modbus_t* context_;
  std::array<std::uint16_t, 5> setpoints_{};
  std::uint16_t heartbeat_ = 0;
};

Round run_hal(hal::ChairDrives& drives, int cycles) {
  return timed(cycles, [&drives] {
    const auto report = drives.cycle(std::chrono::seconds{1});
    if (!report.all_ok()) {
      throw std::runtime_error("HAL cycle failed: " + report.errors().front().message());
    }
  });
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
                 "Paired rounds, one of each, in alternating order so that both see the same "
                 "machine load")
      ->check(CLI::Range(1, 1000));
  app.add_flag("--smoke", smoke, "A tiny run that only proves the benchmark works");
  CLI11_PARSE(app, argc, argv);
  if (smoke) {
    cycles = 20;
    rounds = 2;
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

    std::vector<Round> bare_rounds;
    std::vector<Round> hal_rounds;
    for (int r = 0; r < rounds; ++r) {
      if (r % 2 == 0) {
        bare_rounds.push_back(bare.run(cycles));
        hal_rounds.push_back(run_hal(drives, cycles));
      } else {
        hal_rounds.push_back(run_hal(drives, cycles));
        bare_rounds.push_back(bare.run(cycles));
      }
    }
    const auto each = [](const std::vector<Round>& rounds, double Round::*field) {
      std::vector<double> values;
      for (const auto& round : rounds) values.push_back(round.*field);
      return values;
    };
    std::vector<double> ratios;
    for (int r = 0; r < rounds; ++r) {
      ratios.push_back(hal_rounds[r].cycles_per_s / bare_rounds[r].cycles_per_s);
    }
    const auto stats = drives.statistics();
    bench::print("drives_per_cycle", 5);
    bench::print("cycles_per_round", cycles);
    bench::print("rounds", rounds);
    bench::print("bare_libmodbus_cycles_per_s",
                 bench::median(each(bare_rounds, &Round::cycles_per_s)));
    bench::print("hal_cycles_per_s", bench::median(each(hal_rounds, &Round::cycles_per_s)));
    bench::print("bare_libmodbus_process_cpu_us_per_cycle",
                 bench::median(each(bare_rounds, &Round::cpu_us_per_cycle)));
    bench::print("hal_process_cpu_us_per_cycle",
                 bench::median(each(hal_rounds, &Round::cpu_us_per_cycle)));
    bench::print("hal_to_bare_ratio", bench::median(ratios));
    bench::print("hal_to_bare_ratio_p25", bench::quantile(ratios, 0.25));
    bench::print("hal_to_bare_ratio_p75", bench::quantile(ratios, 0.75));
    const auto [lowest, highest] = std::ranges::minmax(ratios);
    bench::print("hal_to_bare_ratio_min", lowest);
    bench::print("hal_to_bare_ratio_max", highest);
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
