#pragma once

#include <atomic>
#include <chrono>
#include <thread>

// Waiting for something due within microseconds by looking again and again, instead of
// sleeping: a thread put to sleep and woken again takes some 10 µs on a virtual machine, about
// a third of a transaction over TCP loopback, and a control cycle hands over twice between the
// caller and the bus thread. Between looks the processor is offered to any other thread that
// wants it. On a machine busy with other work that offer is taken for a whole time slice
// (milliseconds), and a thread that looks loses the head start the scheduler gives a thread
// woken from sleep; polling then stands down for a while, and waits are done asleep.
namespace hal {

class BriefPoll {
 public:
  using Clock = std::chrono::steady_clock;

  // A look this much later than the one before means another program had the processor in
  // between: a turn of a thread of ours that is waited for (the simulator answering, the bus
  // thread decoding a reply) takes tens of µs.
  static constexpr std::chrono::microseconds kBusy{100};
  // How long polling then stays off.
  static constexpr std::chrono::seconds kStandDown{1};

  // False while polling stands down.
  [[nodiscard]] bool worthwhile() const {
    return Clock::now().time_since_epoch().count() >= resume_at_.load(std::memory_order_relaxed);
  }

  // True as soon as `ready()` holds; false once `at_most` has passed without it, or once the
  // processor turned out to be wanted by another thread (and polling stands down). While polling
  // stands down, looks once.
  template <class Ready>
  bool until(Ready ready, std::chrono::nanoseconds at_most) {
    if (!worthwhile()) return ready();
    auto last = Clock::now();
    const auto give_up = last + at_most;
    while (!ready()) {
      if (last >= give_up) return false;
      std::this_thread::yield();
      const auto now = Clock::now();
      if (now - last >= kBusy) {
        resume_at_.store((now + kStandDown).time_since_epoch().count(), std::memory_order_relaxed);
        return ready();
      }
      last = now;
    }
    return true;
  }

 private:
  std::atomic<Clock::rep> resume_at_{0};
};

}  // namespace hal
