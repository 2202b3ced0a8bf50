// massaged: the massage-chair controller daemon. Reads the configuration, then runs the
// daemon's main loop until SIGTERM or SIGINT.

#include <csignal>
#include <iostream>
#include <variant>

#include <spdlog/spdlog.h>

#include "daemon/config/chair_config.hpp"
#include "daemon/logging/log_output.hpp"
#include "daemon/process/check_config.hpp"
#include "daemon/process/command_line.hpp"
#include "daemon/process/daemon_process.hpp"
#include "daemon/systemd/service_notifier.hpp"

int main(int argc, char** argv) {
  // A client that hangs up mid-reply must cost an error code, not the daemon.
  std::signal(SIGPIPE, SIG_IGN);

  const auto service = massaged::ServiceDirectories::from_environment();
  const auto parsed = massaged::parse_command_line(argc, argv, service);
  if (const auto* exit = std::get_if<massaged::ExitNow>(&parsed)) return exit->code;
  const auto& command_line = std::get<massaged::CommandLine>(parsed);
  if (command_line.check_only) {
    return massaged::check_config(command_line.config_path, service, std::cout, std::cerr);
  }

  const auto output = massaged::log_output_from_environment();
  massaged::route_logs(output, command_line.log_level.value_or(spdlog::level::info));
  const massaged::ServiceNotifier notifier;
  notifier.status("Starting: reading " + command_line.config_path.string());
  massaged::ChairConfig config;
  try {
    config = massaged::load_chair_config(command_line.config_path, service);
  } catch (const std::exception& e) {
    // Nothing has touched the hardware yet; the message says where the file is wrong.
    spdlog::critical("{}", e.what());
    notifier.status(std::string("Failed: configuration refused: ") + e.what());
    return 1;
  }
  massaged::route_logs(output, command_line.log_level.value_or(config.daemon.log_level));
  spdlog::info("massaged {} starting with {}", MASSAGED_VERSION, config.source.string());

  massaged::DaemonProcess process(std::move(config), notifier);
  return process.run();
}
