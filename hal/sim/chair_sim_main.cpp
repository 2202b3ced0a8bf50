// chair-sim: a simulated massage chair that speaks standard Modbus, over TCP (as behind a
// gateway) or RTU (on a pseudo-terminal standing in for the RS-485 line), so that the daemon,
// its tests and benchmarks run against a real connection. See --help, and the control-socket
// protocol in hal/sim/server/control_socket.hpp.

#include <signal.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "profile/profile_loader.hpp"
#include "sim/chair/simulated_chair.hpp"
#include "sim/server/chair_sim_options.hpp"
#include "sim/server/control_commands.hpp"
#include "sim/server/control_socket.hpp"
#include "sim/server/link_faults.hpp"
#include "sim/server/real_time_runner.hpp"
#include "sim/server/rtu_server.hpp"
#include "sim/server/tcp_server.hpp"

namespace {

// Exit codes: 0 after SIGTERM/SIGINT, 1 when the simulator cannot start, 2 for a bad command line.
constexpr int kCannotStart = 1;
constexpr int kBadCommandLine = 2;

std::filesystem::path this_executable(const char* argv0) {
  std::error_code error;
  auto path = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::absolute(argv0) : path;
}

// Signals are taken by sigwait() in main; every thread inherits the blocked mask, so none of
// them is interrupted by SIGTERM or SIGINT.
sigset_t block_stop_signals() {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client that hangs up is an error code, not a crash
  return stop;
}

void announce_ready(const std::string& what) {
  std::cout << "chair-sim: ready " << what << std::endl;  // flushed: scripts wait for it
}

int serve(const sim::ChairSimOptions& options, const sigset_t& stop) {
  spdlog::info("loading actuator profile {}", options.profile.string());
  sim::SimulatedChair chair(sim::chair_config_from(options, hal::load_profile(options.profile)));
  // The safety observer's findings, one line each as it happens (the control socket's
  // "observer" lists them all).
  chair.set_observer_listener(
      [](const sim::Finding& finding) { spdlog::warn("observer: {}", finding.describe()); });
  sim::LinkFaultInjector faults(options.seed);
  const sim::RealTimeRunner physics(
      [&chair](std::chrono::nanoseconds elapsed) { chair.advance(elapsed); });

  std::unique_ptr<sim::ControlSocket> control;
  if (options.control) {
    control =
        std::make_unique<sim::ControlSocket>(*options.control, sim::ControlCommands(chair, faults));
    spdlog::info("control socket at {}", control->path().string());
  }

  std::unique_ptr<sim::ModbusTcpServer> tcp;
  std::unique_ptr<sim::ModbusRtuServer> rtu;
  std::string ready;
  if (options.tcp) {
    tcp =
        std::make_unique<sim::ModbusTcpServer>(chair, faults, options.tcp->host, options.tcp->port);
    ready = "tcp " + tcp->host() + ":" + std::to_string(tcp->port());
    spdlog::info("modbus tcp: listening on {}:{}", tcp->host(), tcp->port());
  } else {
    sim::RtuServerOptions line;
    line.device = *options.rtu;
    line.line.baud = options.baud;
    line.line.parity = options.parity;
    rtu = std::make_unique<sim::ModbusRtuServer>(chair, faults, line);
    ready = "rtu " + rtu->device().string();
    spdlog::info("modbus rtu: {} -> {}, {} baud, {} bits per character", rtu->device().string(),
                 rtu->pty().string(), options.baud, line.line.bits_per_character());
  }
  announce_ready(ready);

  int signal_number = 0;
  sigwait(&stop, &signal_number);
  spdlog::info("{}: shutting down", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const sigset_t stop = block_stop_signals();
  spdlog::set_default_logger(spdlog::stderr_color_mt("chair-sim"));

  CLI::App app{
      "A simulated massage chair (RA-1 roller drives and a seated person) served over "
      "Modbus TCP or RTU.\nPrints \"chair-sim: ready tcp HOST:PORT\" or \"chair-sim: "
      "ready rtu PATH\" on stdout once it serves; SIGTERM or SIGINT stops it."};
  sim::ChairSimOptions options;
  std::string tcp_text;
  std::string rtu_text;
  std::string parity = "even";
  std::string profile;
  std::string units;
  std::string serials;
  std::string body = "medium";
  std::string control;
  std::string log_level = "info";
  double shoulder_mm = 0.0;
  double sitting_forward_mm = 0.0;
  double back_end_mm = 0.0;
  auto* tcp_option =
      app.add_option("--tcp", tcp_text, "Serve Modbus TCP on HOST:PORT (port 0: any free port)");
  auto* rtu_option =
      app.add_option("--rtu", rtu_text, "Serve Modbus RTU on a pseudo-terminal linked from PATH");
  tcp_option->excludes(rtu_option);
  app.add_option("--baud", options.baud, "RTU line speed, for the emulated line time")
      ->check(CLI::Range(1200, 4'000'000))
      ->capture_default_str();
  app.add_option("--parity", parity, "RTU parity")
      ->check(CLI::IsMember({"even", "odd", "none"}))
      ->capture_default_str();
  app.add_option("--profile", profile,
                 "Actuator profile (TOML) the drives serve; default: the shipped RA-1 profile");
  app.add_option("--units", units,
                 "Unit ids, e.g. travel=1,width=2,depth=3,knead=4,tap=5 (those shown are the "
                 "defaults; give any subset)");
  app.add_option("--serials", serials,
                 "Drives' serial numbers, e.g. depth=20269999 (default: travel 20260001 counting "
                 "up to tap 20260005; give any subset)");
  app.add_option("--body", body, "The seated person's size")
      ->check(CLI::IsMember({"small", "medium", "large"}))
      ->capture_default_str();
  auto* shoulder_option = app.add_option("--shoulder-mm", shoulder_mm,
                                         "Top of the shoulders along the travel axis, mm");
  auto* forward_option =
      app.add_option("--sitting-forward-mm", sitting_forward_mm,
                     "The person sits this far forward of the backrest: their back leans away "
                     "from the rollers toward the seat, mm");
  auto* back_end_option =
      app.add_option("--back-end-mm", back_end_mm,
                     "The person's back ends this far above the seat and curves away below, mm");
  app.add_flag("--nobody", options.nobody, "Nobody sits in the chair");
  app.add_option("--seed", options.seed, "Seed of the load-cell noise and the link faults")
      ->capture_default_str();
  app.add_option("--control", control, "Unix socket for the control protocol (JSON lines)");
  app.add_option("--log-level", log_level, "Log level on stderr")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  spdlog::set_level(spdlog::level::from_str(log_level));
  try {
    if (tcp_text.empty() == rtu_text.empty()) {
      throw std::invalid_argument("give exactly one of --tcp HOST:PORT and --rtu PATH");
    }
    if (!tcp_text.empty()) options.tcp = sim::parse_tcp_endpoint(tcp_text);
    if (!rtu_text.empty()) options.rtu = std::filesystem::absolute(rtu_text);
    options.parity = parity == "odd"    ? hal::Parity::odd
                     : parity == "none" ? hal::Parity::none
                                        : hal::Parity::even;
    options.profile = profile.empty() ? sim::default_profile_path(this_executable(argv[0]))
                                      : std::filesystem::path(profile);
    if (!units.empty()) options.units = sim::parse_unit_ids(units);
    if (!serials.empty()) options.serials = sim::parse_serials(serials);
    options.body = body == "small"   ? sim::BodySize::small
                   : body == "large" ? sim::BodySize::large
                                     : sim::BodySize::medium;
    if (shoulder_option->count() > 0) options.shoulder_mm = shoulder_mm;
    if (forward_option->count() > 0) options.sitting_forward_mm = sitting_forward_mm;
    if (back_end_option->count() > 0) options.back_end_mm = back_end_mm;
    if (!control.empty()) options.control = std::filesystem::absolute(control);
  } catch (const std::invalid_argument& error) {
    std::cerr << "chair-sim: " << error.what() << "\nRun with --help for more information.\n";
    return kBadCommandLine;
  }

  try {
    return serve(options, stop);
  } catch (const std::exception& error) {
    spdlog::error("{}", error.what());
    return kCannotStart;
  }
}
