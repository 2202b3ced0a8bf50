#pragma once

#include <functional>
#include <thread>

// The chair's signals, until the API carries the same commands:
//
//   SIGUSR1  emergency stop: every drive quick-stops at once, the chair latches emergency_stop
//            (kill -USR1 $(pidof massaged), or systemctl kill -s USR1 massaged)
//   SIGUSR2  reset the emergency-stop latch: refused, with the reason in the log, while its cause
//            remains; accepted, the chair homes and parks and is ready (never resumes a session)
//
// The signals are blocked in the thread that constructs this (and in every thread started
// after it) and taken by a thread of its own through a signalfd, so that the emergency stop
// goes straight from that thread to the drives, bypassing the main loop and every queue. A
// signal that arrives before start() waits in the signalfd.
namespace massaged {

class ChairSignals {
 public:
  // Construct before any other thread starts, so that none of them takes the signals.
  // Throws std::system_error when the signalfd cannot be set up.
  ChairSignals();
  ~ChairSignals();
  ChairSignals(const ChairSignals&) = delete;
  ChairSignals& operator=(const ChairSignals&) = delete;

  // Starts the thread that carries the signals out, each on that thread.
  void start(std::function<void()> emergency_stop, std::function<void()> reset);

 private:
  void serve();

  std::function<void()> emergency_stop_;
  std::function<void()> reset_;
  int signals_fd_ = -1;
  int wake_fd_ = -1;  // eventfd: tells the thread to end
  std::thread thread_;
};

}  // namespace massaged
