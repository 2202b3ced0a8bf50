#include "daemon/systemd/service_notifier.hpp"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstring>

#include <spdlog/spdlog.h>

namespace massaged {
namespace {

// One assignment per line: a status with a newline would end the STATUS= early.
std::string status_line(std::string_view status) {
  std::string line = "STATUS=" + std::string(status);
  std::replace(line.begin(), line.end(), '\n', ' ');
  return line;
}

}  // namespace

void ServiceNotifier::ready(std::string_view status) const {
  send("READY=1\n" + status_line(status));
}

void ServiceNotifier::status(std::string_view status) const { send(status_line(status)); }

void ServiceNotifier::stopping(std::string_view status) const {
  send("STOPPING=1\n" + status_line(status));
}

void ServiceNotifier::watchdog_ping() const { send("WATCHDOG=1"); }

void ServiceNotifier::send(const std::string& assignments) const {
  const int result = sd_notify(0, assignments.c_str());
  if (result < 0) {
    // systemd would stop the service if it misses READY=1 or the pings; say why in the log.
    spdlog::warn("could not notify systemd ({}): {}", assignments.substr(0, assignments.find('\n')),
                 std::strerror(-result));
  }
}

}  // namespace massaged
