#include "daemon/process/chair_signals.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <system_error>

#include <spdlog/spdlog.h>

namespace massaged {
namespace {

sigset_t chair_signal_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGUSR2);
  return set;
}

}  // namespace

ChairSignals::ChairSignals() {
  const auto set = chair_signal_set();
  if (const int error = pthread_sigmask(SIG_BLOCK, &set, nullptr); error != 0) {
    throw std::system_error(error, std::generic_category(), "blocking SIGUSR1 and SIGUSR2");
  }
  signals_fd_ = signalfd(-1, &set, SFD_CLOEXEC);
  if (signals_fd_ < 0) {
    throw std::system_error(errno, std::generic_category(), "signalfd for SIGUSR1 and SIGUSR2");
  }
  wake_fd_ = eventfd(0, EFD_CLOEXEC);
  if (wake_fd_ < 0) {
    const int error = errno;
    ::close(signals_fd_);
    throw std::system_error(error, std::generic_category(), "eventfd for the signal thread");
  }
}

void ChairSignals::start(std::function<void()> emergency_stop, std::function<void()> reset) {
  emergency_stop_ = std::move(emergency_stop);
  reset_ = std::move(reset);
  thread_ = std::thread([this] { serve(); });
}

ChairSignals::~ChairSignals() {
  const std::uint64_t one = 1;
  (void)::write(wake_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
  ::close(wake_fd_);
  ::close(signals_fd_);
}

void ChairSignals::serve() {
  for (;;) {
    std::array<pollfd, 2> fds{{{signals_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}}};
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      spdlog::error("the chair's signal thread stops: poll failed: {}",
                    std::system_category().message(errno));
      return;
    }
    if (fds[1].revents != 0) return;
    signalfd_siginfo info{};
    if (::read(signals_fd_, &info, sizeof info) != static_cast<ssize_t>(sizeof info)) continue;
    if (info.ssi_signo == SIGUSR1) {
      emergency_stop_();  // first, before anything is logged
      spdlog::warn("SIGUSR1 from pid {}: emergency stop", info.ssi_pid);
    } else if (info.ssi_signo == SIGUSR2) {
      spdlog::info("SIGUSR2 from pid {}: resetting the emergency-stop latch", info.ssi_pid);
      reset_();
    }
  }
}

}  // namespace massaged
