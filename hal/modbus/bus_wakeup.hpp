#pragma once

#include <atomic>
#include <cstdint>

// How other threads get a bus thread's attention: a counter it sleeps on, and the quick-stop
// request. Raising a stop takes no lock and allocates nothing, so any thread may do it at any
// time, and the bus thread sends the stop before its next regular transaction.
namespace hal {

class BusWakeup {
 public:
  // Wakes the bus thread (new work).
  void ring() {
    count_.fetch_add(1, std::memory_order_release);
    count_.notify_one();
  }
  [[nodiscard]] std::uint32_t seen() const { return count_.load(std::memory_order_acquire); }
  // Sleeps until ring() was called after `seen` was read.
  void wait(std::uint32_t seen) const { count_.wait(seen, std::memory_order_acquire); }

  // A stop for some axes (each flags itself), or for the whole bus (then broadcast on RTU).
  void request_stop(bool whole_bus) {
    if (whole_bus) whole_bus_stop_.store(true, std::memory_order_release);
    stop_.store(true, std::memory_order_release);
    ring();
  }
  [[nodiscard]] bool stop_pending() const { return stop_.load(std::memory_order_acquire); }
  bool take_stop() { return stop_.exchange(false, std::memory_order_acq_rel); }
  bool take_whole_bus_stop() { return whole_bus_stop_.exchange(false, std::memory_order_acq_rel); }

 private:
  std::atomic<std::uint32_t> count_{0};
  std::atomic<bool> stop_{false};
  std::atomic<bool> whole_bus_stop_{false};
};

}  // namespace hal
