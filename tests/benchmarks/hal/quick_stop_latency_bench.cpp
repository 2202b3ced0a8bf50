// Quick-stop latency: from the controller's request (ChairDrives::quick_stop, from a thread
// other than the control loop) to the simulated drives receiving a write with QUICK_STOP set,
// while the bus is busy with back-to-back cycles. Over TCP every drive gets its own write; over
// RTU one broadcast reaches them all. Reported as p50 and p99, in microseconds and in units of
// one transaction time.
//
//   hal_quick_stop_latency_bench [--stops N] [--link tcp|rtu|both] [--smoke]
//
// Goal: p99 of the first drive's stop within one transaction time plus 1 ms.

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdio>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>

#include "bench_output.hpp"
#include "in_process_chair.hpp"
#include "modbus/chair_drives.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Cycles back to back on its own thread, as a control loop that never rests.
class BusyLoop {
 public:
  explicit BusyLoop(hal::ChairDrives& drives) : drives_(&drives), thread_([this] { run(); }) {}
  ~BusyLoop() {
    stop_ = true;
    thread_.join();
  }
  BusyLoop(const BusyLoop&) = delete;
  BusyLoop& operator=(const BusyLoop&) = delete;

  [[nodiscard]] std::uint64_t cycles() const { return cycles_.load(); }
  void wait_cycles(std::uint64_t n) const {
    const auto target = cycles() + n;
    while (cycles() < target) std::this_thread::sleep_for(200us);
  }

 private:
  void run() {
    while (!stop_) {
      (void)drives_->cycle(1s);
      ++cycles_;
    }
  }

  hal::ChairDrives* drives_;
  std::atomic<bool> stop_{false};
  std::atomic<std::uint64_t> cycles_{0};
  std::thread thread_;
};

void enable_all(hal::ChairDrives& drives) {
  for (const auto kind : hal::kAllAxisKinds) {
    const auto done =
        hal::is_rotary(kind) ? drives.rotary(kind).enable() : drives.linear(kind).enable();
    if (!done) throw std::runtime_error(done.error().message());
  }
}

void measure(bench::Link link, int stops) {
  const std::string name = link == bench::Link::tcp ? "tcp" : "rtu";
  bench::InProcessChair chair({.link = link});
  hal::ChairDrives drives({chair.bus_config(200ms)});
  if (!drives.connect().empty() || !drives.activate().empty()) {
    throw std::runtime_error("the HAL could not bring the simulated drives up");
  }
  enable_all(drives);
  const std::set<std::uint8_t> units = {1, 2, 3, 4, 5};
  std::vector<double> first_us;
  std::vector<double> all_us;
  std::mt19937 random(11);
  // A random pause puts each request at a random point of a cycle.
  std::uniform_int_distribution<int> pause_us(1000, 9000);
  {
    BusyLoop loop(drives);
    loop.wait_cycles(3);
    for (int i = 0; i < stops; ++i) {
      std::this_thread::sleep_for(std::chrono::microseconds{pause_us(random)});
      chair.witness().arm();
      const auto requested = Clock::now();
      drives.quick_stop();
      const auto give_up = requested + 2s;
      std::optional<Clock::time_point> all;
      while (!(all = chair.witness().all_stopped(units)) && Clock::now() < give_up) {
        std::this_thread::sleep_for(50us);
      }
      const auto first = chair.witness().first_stop();
      if (!first || !all) throw std::runtime_error("a quick stop did not reach every drive");
      first_us.push_back(bench::microseconds(*first - requested));
      all_us.push_back(bench::microseconds(*all - requested));
      // Clear the latch and let frames without QUICK_STOP go out before the next request.
      loop.wait_cycles(1);
      enable_all(drives);
      loop.wait_cycles(2);
    }
  }
  const double transaction_us = bench::microseconds(drives.statistics().times.percentile(0.5));
  const double first_p99 = bench::quantile(first_us, 0.99);
  bench::print(name + "_stops", stops);
  bench::print(name + "_transaction_p50_us", transaction_us);
  bench::print(name + "_first_drive_stop_p50_us", bench::quantile(first_us, 0.5));
  bench::print(name + "_first_drive_stop_p99_us", first_p99);
  bench::print(name + "_first_drive_stop_max_us", bench::quantile(first_us, 1.0));
  bench::print(name + "_every_drive_stop_p50_us", bench::quantile(all_us, 0.5));
  bench::print(name + "_every_drive_stop_p99_us", bench::quantile(all_us, 0.99));
  bench::print(name + "_first_drive_stop_p50_transactions",
               bench::quantile(first_us, 0.5) / transaction_us);
  bench::print(name + "_first_drive_stop_p99_transactions", first_p99 / transaction_us);
  bench::print(name + "_goal_p99_us_max", transaction_us + 1000.0);
  bench::print(name + "_goal_met", first_p99 <= transaction_us + 1000.0 ? "yes" : "no");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Quick-stop latency from the request to the simulated drives");
  int stops = 200;
  std::string link = "both";
  bool smoke = false;
  app.add_option("--stops", stops, "Stops to time per link")->check(CLI::Range(1, 100'000));
  app.add_option("--link", link, "Which link to measure")
      ->check(CLI::IsMember({"tcp", "rtu", "both"}));
  app.add_flag("--smoke", smoke, "A tiny run that only proves the benchmark works");
  CLI11_PARSE(app, argc, argv);
  if (smoke) stops = 3;

  try {
    if (link != "rtu") measure(bench::Link::tcp, stops);
    if (link != "tcp") measure(bench::Link::rtu, stops);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hal_quick_stop_latency_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
