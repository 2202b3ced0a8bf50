// Stop latency: from an emergency-stop request (ChairController::emergency_stop, called from the
// requester's own thread as a signal or the API does) to the simulated drives receiving
// QUICK_STOP, while the real controller runs its loop in real time, over Modbus TCP and over
// Modbus RTU at 115200 baud on a pseudo-terminal. Reported in microseconds and in units of one
// transaction time (the median transaction on that bus); the goal is within one transaction.
// Requests fall at random moments of the control cycle. Also reported: how many other requests
// reached the drives between the request and the stop (at most the one already on the wire).
//
//   stop_latency_benchmark [--smoke]     (--smoke: three requests per bus, for ctest)
//
// Prints `name: value` lines.

#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "daemon/control/chair_controller.hpp"
#include "daemon/control/control_loop.hpp"
#include "daemon/control/control_rate.hpp"
#include "daemon/control/cycle_waiter.hpp"
#include "profile/profile_loader.hpp"
#include "sim/server/link_faults.hpp"
#include "sim/server/real_time_runner.hpp"
#include "sim/server/rtu_server.hpp"
#include "sim/server/tcp_server.hpp"
#include "tests/benchmarks/daemon/stop_witness.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const std::filesystem::path kProfile =
    std::filesystem::path(MASSAGED_SOURCE_DIR) / "config/profiles/ra1.toml";

template <class Done>
bool wait_for(Done done, std::chrono::milliseconds limit) {
  const auto end = Clock::now() + limit;
  while (Clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(1ms);
  }
  return false;
}

void print(const std::string& name, double value) {
  std::printf("%s: %.2f\n", name.c_str(), value);
  std::fflush(stdout);
}

// A simulated chair in real time, its drives near their end stops so that homing is quick.
struct RealTimeChair {
  explicit RealTimeChair(const hal::ActuatorProfile& profile)
      : chair(config(profile)),
        witness(chair),
        physics([this](std::chrono::nanoseconds elapsed) { chair.advance(elapsed); }) {}

  static sim::ChairConfig config(const hal::ActuatorProfile& profile) {
    sim::ChairConfig c;
    c.profile = profile;
    c.power_up.travel = units::Millimetres(20.0);
    c.power_up.width = units::Millimetres(110.0);
    return c;
  }

  sim::SimulatedChair chair;
  bench::StopWitness witness;
  sim::LinkFaultInjector faults{1};
  sim::RealTimeRunner physics;
};

hal::BusConfig bus_of(const hal::ActuatorProfile& profile, hal::BusLink link) {
  hal::BusConfig bus;
  bus.name = "main";
  bus.link = std::move(link);
  bus.profile = profile;
  bus.profile_path = kProfile;
  int unit = 1;
  for (const auto kind : hal::kAllAxisKinds) bus.axes.push_back({kind, unit++});
  return bus;
}

// Runs `trials` emergency stops against the chair behind `bus`; prints the results under
// `prefix`. Returns false when the chair could not be made ready.
bool measure(const std::string& prefix, const hal::BusConfig& bus, bench::StopWitness& witness,
             int trials) {
  const auto rate = control::achievable_rate(100, {bus}, 10);
  hal::ChairDrives drives({bus});
  control::ChairController controller(drives, hal::steady_clock(), {});
  control::SleepingWaiter waiter;
  control::ControlLoop loop(controller, hal::steady_clock(), waiter, rate.period);
  std::jthread thread([&loop](const std::stop_token& stop) { loop.run(stop); });

  const auto ready = [&controller] {
    return controller.status().state == control::ChairState::ready;
  };
  const auto reset_to_ready = [&] {
    return wait_for([&] { return controller.reset().get().accepted; }, 10s) && wait_for(ready, 60s);
  };
  if (!wait_for([&] { return controller.status().cause.starts_with("the drives are ready"); },
                10s) ||
      !reset_to_ready()) {
    std::fprintf(stderr, "%s: the chair did not become ready: %s\n", prefix.c_str(),
                 controller.status().describe().c_str());
    return false;
  }

  std::mt19937 random(7);
  std::uniform_int_distribution<long long> phase(0, rate.period.count());
  std::vector<double> latencies_us;
  int most_ahead = 0;
  for (int i = 0; i < trials; ++i) {
    std::this_thread::sleep_for(std::chrono::nanoseconds(phase(random)));
    witness.arm();
    const auto requested = Clock::now();
    controller.emergency_stop("the benchmark");
    if (!wait_for([&witness] { return witness.seen().has_value(); }, 1000ms)) {
      std::fprintf(stderr, "%s: no QUICK_STOP reached the drives within 1 s\n", prefix.c_str());
      return false;
    }
    latencies_us.push_back(
        std::chrono::duration<double, std::micro>(*witness.seen() - requested).count());
    most_ahead = std::max(most_ahead, witness.ahead_of_stop());
    const auto latched = [&controller] {
      return controller.status().state == control::ChairState::emergency_stop;
    };
    if (!wait_for(latched, 2s) || !reset_to_ready()) {
      std::fprintf(stderr, "%s: the chair did not come back after stop %d: %s\n", prefix.c_str(), i,
                   controller.status().describe().c_str());
      return false;
    }
  }
  const double transaction_us =
      static_cast<double>(drives.statistics().times.percentile(0.5).count());
  thread.request_stop();
  thread.join();
  (void)drives.deactivate();
  drives.disconnect();

  std::sort(latencies_us.begin(), latencies_us.end());
  const double p50 = latencies_us[latencies_us.size() / 2];
  const double max = latencies_us.back();
  print(prefix + "_control_rate_hz", rate.rate_hz);
  print(prefix + "_stops", static_cast<double>(latencies_us.size()));
  print(prefix + "_transaction_p50_us", transaction_us);
  print(prefix + "_stop_latency_p50_us", p50);
  print(prefix + "_stop_latency_max_us", max);
  print(prefix + "_stop_latency_p50_transactions", p50 / transaction_us);
  print(prefix + "_stop_latency_max_transactions", max / transaction_us);
  // The stop bypasses the cycle's queue: at most the transaction already under way goes first.
  print(prefix + "_transactions_ahead_of_stop_max", most_ahead);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const bool smoke = argc > 1 && std::strcmp(argv[1], "--smoke") == 0;
  const int trials = smoke ? 3 : 40;
  spdlog::set_level(spdlog::level::off);
  const auto profile = hal::load_profile(kProfile);
  print("stop_latency_goal_transactions", 1.0);

  bool ok = true;
  {
    RealTimeChair tcp_chair(profile);
    sim::ModbusTcpServer server(tcp_chair.witness, tcp_chair.faults, "127.0.0.1", 0);
    ok = measure("tcp", bus_of(profile, hal::TcpEndpoint{"127.0.0.1", server.port()}),
                 tcp_chair.witness, trials) &&
         ok;
  }
  {
    char directory[] = "/tmp/stop-latency-XXXXXX";
    if (::mkdtemp(directory) == nullptr) return 1;
    {
      RealTimeChair rtu_chair(profile);
      sim::RtuServerOptions options;
      options.device = std::filesystem::path(directory) / "ttySIM0";
      options.line.baud = 115200;
      sim::ModbusRtuServer server(rtu_chair.witness, rtu_chair.faults, options);
      hal::RtuLine line;
      line.device = server.device();
      line.baud = 115200;
      ok = measure("rtu", bus_of(profile, line), rtu_chair.witness, trials) && ok;
    }
    std::filesystem::remove_all(directory);
  }
  return ok ? 0 : 1;
}
