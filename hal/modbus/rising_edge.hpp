#pragma once

#include <cstdint>

namespace hal {

// A control bit that acts on its rising edge (HOME, FAULT_RESET). A request is delivered as a
// frame with the bit high, after the drive has been seen with it low; the bit then goes low
// again. A frame that may not have arrived changes nothing, so the same frame is built again:
// if the drive did see it, the repeat is not a second edge.
class RisingEdge {
 public:
  // What one frame carries, and which request it belongs to.
  struct Sent {
    bool bit = false;
    std::uint32_t request = 0;
  };

  void request() {
    pending_ = true;
    ++request_;
  }
  void cancel() { pending_ = false; }
  [[nodiscard]] bool pending() const { return pending_; }

  // The bit for the next frame: high when a request waits and the drive last saw the bit low.
  [[nodiscard]] Sent next() const { return {pending_ && !high_on_drive_, request_}; }

  // The drive acknowledged a frame carrying `sent`.
  void delivered(Sent sent) {
    high_on_drive_ = sent.bit;
    if (sent.bit && sent.request == request_) pending_ = false;
  }

  // The drive's bit is unknown (start-up, restart, reconnect): assume it is high, so the next
  // request goes out as low, then high, a true edge whatever the drive held.
  void forget_drive() { high_on_drive_ = true; }

 private:
  bool pending_ = false;
  bool high_on_drive_ = true;
  std::uint32_t request_ = 0;
};

}  // namespace hal
