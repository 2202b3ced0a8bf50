#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "modbus/bus_config.hpp"
#include "modbus/link_fault.hpp"
#include "modbus/transaction_statistics.hpp"
#include "result/expected.hpp"

struct _modbus;  // libmodbus's context, modbus_t

// One Modbus master connection, RTU or TCP, owning its libmodbus context, or in memory (the
// same PDUs, encoded and checked by modbus/pdu_codec.hpp, exchanged through a function call).
// Not thread-safe, as libmodbus is not: the bus's own thread is its only user. Every transaction is
// bounded by the response timeout; after a timeout or a bad frame the line is drained so that a
// late reply cannot be taken for the next one; a broken link is closed (the caller reopens it with
// backoff). libmodbus's error recovery stays off: its link recovery loops.
namespace hal {

class ModbusLink {
 public:
  using Outcome = result::Expected<void, LinkFault>;

  ModbusLink(BusLink link, std::chrono::milliseconds response_timeout);
  ~ModbusLink();
  ModbusLink(const ModbusLink&) = delete;
  ModbusLink& operator=(const ModbusLink&) = delete;

  // "TCP 127.0.0.1:1502", "RTU /dev/ttyS1 115200 8E1" or "in-memory drives", for messages.
  [[nodiscard]] std::string describe() const;
  [[nodiscard]] bool is_rtu() const { return std::holds_alternative<RtuLine>(link_); }
  [[nodiscard]] bool is_open() const { return context_ != nullptr || in_memory_open_; }
  [[nodiscard]] std::chrono::milliseconds response_timeout() const { return response_timeout_; }

  // Opens the serial device or the TCP connection (bounded by the response timeout), and on
  // RTU sets the serial mode; ENOTTY there (a pseudo-terminal) is harmless. An in-memory link
  // opens when it has an exchange to call.
  Outcome open();
  void close();

  // Called before every transaction below except broadcast(); the bus uses it to send a pending
  // quick stop ahead of whatever was next.
  void set_transaction_gate(std::function<void()> gate) { gate_ = std::move(gate); }
  // Runs the gate now. A caller about to send a command frame passes the gate, then builds the
  // frame, then sends it with the gate bypassed: a stop served in between would otherwise be
  // followed by a frame built before it, without QUICK_STOP, undoing it.
  void pass_gate() {
    if (gate_) gate_();
  }
  class GateBypass {
   public:
    explicit GateBypass(ModbusLink& link) : link_(&link) { link_->bypass_gate_ = true; }
    ~GateBypass() { link_->bypass_gate_ = false; }
    GateBypass(const GateBypass&) = delete;
    GateBypass& operator=(const GateBypass&) = delete;

   private:
    ModbusLink* link_;
  };
  [[nodiscard]] GateBypass bypass_gate() { return GateBypass(*this); }

  // Function 03.
  Outcome read(int unit, std::uint16_t address, std::span<std::uint16_t> out,
               StatisticsRecorder* axis);
  // Function 16.
  Outcome write(int unit, std::uint16_t address, std::span<const std::uint16_t> words,
                StatisticsRecorder* axis);
  // Function 06.
  Outcome write_single(int unit, std::uint16_t address, std::uint16_t value,
                       StatisticsRecorder* axis);
  // Function 23: the write is done before the read.
  Outcome write_read(int unit, std::uint16_t write_address, std::span<const std::uint16_t> words,
                     std::uint16_t read_address, std::span<std::uint16_t> out,
                     StatisticsRecorder* axis);
  // Unit 0, function 06 (one word) or 16, on RTU only: applied by every drive, answered by none.
  // Returns once the frame and the silent interval after it have passed on the line.
  Outcome broadcast(std::uint16_t address, std::span<const std::uint16_t> words);

  // The last transaction's reply, well-formed, proved to answer an earlier request: count it as
  // a bad frame and drain the line.
  void reject_stale_reply(StatisticsRecorder* axis);

  // How long the last transaction took, answered or not.
  [[nodiscard]] std::chrono::nanoseconds last_transaction_time() const { return last_elapsed_; }

  // Every transaction of this link, whichever axis it was for.
  [[nodiscard]] StatisticsRecorder& statistics() { return statistics_; }
  [[nodiscard]] const StatisticsRecorder& statistics() const { return statistics_; }

 private:
  struct ContextCloser {
    void operator()(_modbus* context) const;
  };

  template <class Call>
  Outcome transact(int unit, StatisticsRecorder* axis, Call call);
  // The in-memory link's transaction: `request` (or the fault that kept it from being built)
  // is exchanged and its answer checked; no answer is a timeout, reported at once.
  Outcome transact_in_memory(int unit, StatisticsRecorder* axis,
                             const result::Expected<std::vector<std::uint8_t>, LinkFault>& request,
                             std::span<std::uint16_t> out);
  // Records a transaction that started at `start` and ended with `fault` (or none) in the
  // link's and the axis's statistics, and leaves the link as the fault demands.
  Outcome conclude(std::chrono::steady_clock::time_point start, StatisticsRecorder* axis,
                   std::optional<LinkFault> fault);
  Outcome not_open() const;
  void discard_late_replies();
  [[nodiscard]] std::chrono::nanoseconds character_time() const;

  BusLink link_;
  std::chrono::milliseconds response_timeout_;
  std::unique_ptr<_modbus, ContextCloser> context_;
  const InMemoryLink* in_memory_ = nullptr;  // into link_, when it is one
  bool in_memory_open_ = false;
  std::function<void()> gate_;
  bool bypass_gate_ = false;
  std::chrono::nanoseconds last_elapsed_{0};
  StatisticsRecorder statistics_;
};

}  // namespace hal
