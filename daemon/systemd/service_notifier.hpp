#pragma once

#include <string>
#include <string_view>

// Tells systemd how start-up and shutdown go (Type=notify): READY=1 once the daemon serves,
// STATUS= lines that `systemctl status massaged` shows, WATCHDOG=1 pings and STOPPING=1.
// Outside systemd ($NOTIFY_SOCKET unset) every call does nothing.
namespace massaged {

class ServiceNotifier {
 public:
  void ready(std::string_view status) const;
  void status(std::string_view status) const;
  void stopping(std::string_view status) const;
  void watchdog_ping() const;

 private:
  void send(const std::string& assignments) const;
};

}  // namespace massaged
