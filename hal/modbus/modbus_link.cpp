#include "modbus/modbus_link.hpp"

#include <modbus/modbus.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <thread>
#include <vector>

#include "modbus/pdu_codec.hpp"

namespace hal {
namespace {

using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::steady_clock;

char parity_letter(Parity parity) {
  switch (parity) {
    case Parity::none:
      return 'N';
    case Parity::even:
      return 'E';
    case Parity::odd:
      return 'O';
  }
  return 'N';
}

void set_timeout(modbus_t* context, milliseconds timeout,
                 int (*setter)(modbus_t*, std::uint32_t, std::uint32_t)) {
  const auto micros = duration_cast<microseconds>(timeout).count();
  setter(context, static_cast<std::uint32_t>(micros / 1'000'000),
         static_cast<std::uint32_t>(micros % 1'000'000));
}

LinkFault open_fault(const std::string& what, int error_number) {
  auto fault = link_fault_from_errno(error_number);
  // Whatever the cause, a link that did not open is a link that is down.
  fault.kind = DriveErrorKind::disconnected;
  fault.exception_code.reset();
  fault.detail = what + ": " + fault.detail;
  return fault;
}

}  // namespace

void ModbusLink::ContextCloser::operator()(_modbus* context) const {
  modbus_close(context);
  modbus_free(context);
}

ModbusLink::ModbusLink(BusLink link, std::chrono::milliseconds response_timeout)
    : link_(std::move(link)),
      response_timeout_(response_timeout),
      in_memory_(std::get_if<InMemoryLink>(&link_)) {}

ModbusLink::~ModbusLink() = default;

std::string ModbusLink::describe() const {
  if (in_memory_ != nullptr) return link_text(link_);
  if (const auto* tcp = std::get_if<TcpEndpoint>(&link_)) {
    return "TCP " + tcp->host + ":" + std::to_string(tcp->port);
  }
  const auto& rtu = std::get<RtuLine>(link_);
  return "RTU " + rtu.device.string() + " " + std::to_string(rtu.baud) + " " +
         std::to_string(rtu.data_bits) + parity_letter(rtu.parity) + std::to_string(rtu.stop_bits);
}

ModbusLink::Outcome ModbusLink::open() {
  close();
  if (in_memory_ != nullptr) {
    if (!in_memory_->exchange) {
      return result::unexpected(
          LinkFault{DriveErrorKind::disconnected, std::nullopt,
                    "cannot open " + describe() + ": nothing is wired to it"});
    }
    in_memory_open_ = true;
    return {};
  }
  modbus_t* raw = nullptr;
  if (const auto* tcp = std::get_if<TcpEndpoint>(&link_)) {
    // The _pi variant resolves names ("localhost") as well as addresses.
    raw = modbus_new_tcp_pi(tcp->host.c_str(), std::to_string(tcp->port).c_str());
  } else {
    const auto& rtu = std::get<RtuLine>(link_);
    raw = modbus_new_rtu(rtu.device.c_str(), rtu.baud, parity_letter(rtu.parity), rtu.data_bits,
                         rtu.stop_bits);
  }
  if (raw == nullptr) return result::unexpected(open_fault("cannot set up " + describe(), errno));
  std::unique_ptr<_modbus, ContextCloser> context(raw);
  // The TCP connect is bounded by the response timeout too.
  set_timeout(raw, response_timeout_, modbus_set_response_timeout);
  set_timeout(raw, response_timeout_, modbus_set_byte_timeout);
  modbus_set_error_recovery(raw, MODBUS_ERROR_RECOVERY_NONE);
  if (modbus_connect(raw) != 0) {
    return result::unexpected(open_fault("cannot open " + describe(), errno));
  }
  if (const auto* rtu = std::get_if<RtuLine>(&link_)) {
    const int mode = rtu->rs485 ? MODBUS_RTU_RS485 : MODBUS_RTU_RS232;
    // A pseudo-terminal (the simulator) or a UART without RS-485 support has no such ioctl.
    if (modbus_rtu_set_serial_mode(raw, mode) != 0 && errno != ENOTTY) {
      return result::unexpected(
          open_fault("cannot switch " + rtu->device.string() + " to " +
                         (rtu->rs485 ? std::string("RS-485") : std::string("RS-232")) + " mode",
                     errno));
    }
  }
  context_ = std::move(context);
  return {};
}

void ModbusLink::close() {
  context_.reset();
  in_memory_open_ = false;
}

ModbusLink::Outcome ModbusLink::not_open() const {
  return result::unexpected(
      LinkFault{DriveErrorKind::disconnected, std::nullopt, describe() + " is not open"});
}

template <class Call>
ModbusLink::Outcome ModbusLink::transact(int unit, StatisticsRecorder* axis, Call call) {
  if (!bypass_gate_) pass_gate();
  if (!context_) return not_open();
  modbus_set_slave(context_.get(), unit);
  const auto start = steady_clock::now();
  errno = 0;
  const bool ok = call(context_.get()) >= 0;
  const int error_number = errno;
  std::optional<LinkFault> fault;
  if (!ok) fault = link_fault_from_errno(error_number);
  return conclude(start, axis, std::move(fault));
}

ModbusLink::Outcome ModbusLink::transact_in_memory(
    int unit, StatisticsRecorder* axis,
    const result::Expected<std::vector<std::uint8_t>, LinkFault>& request,
    std::span<std::uint16_t> out) {
  if (!bypass_gate_) pass_gate();
  if (!is_open()) return not_open();
  const auto start = steady_clock::now();
  std::optional<LinkFault> fault;
  if (!request) {
    fault = request.error();
  } else {
    const auto answer = in_memory_->exchange(unit, *request);
    if (auto taken = pdu::take_answer(*request, answer, out); !taken) fault = taken.error();
  }
  return conclude(start, axis, std::move(fault));
}

ModbusLink::Outcome ModbusLink::conclude(steady_clock::time_point start, StatisticsRecorder* axis,
                                         std::optional<LinkFault> fault) {
  const auto elapsed = duration_cast<nanoseconds>(steady_clock::now() - start);
  last_elapsed_ = elapsed;
  const auto kind = fault ? std::optional(fault->kind) : std::nullopt;
  statistics_.record(elapsed, kind);
  if (axis != nullptr) axis->record(elapsed, kind);
  if (!fault) return {};
  if (fault->kind == DriveErrorKind::timeout) {
    fault->detail = "no complete reply within " + std::to_string(response_timeout_.count()) +
                    " ms on " + describe();
  }
  if (leaves_line_dirty(*fault)) discard_late_replies();
  if (breaks_link(*fault)) close();
  return result::unexpected(std::move(*fault));
}

ModbusLink::Outcome ModbusLink::read(int unit, std::uint16_t address, std::span<std::uint16_t> out,
                                     StatisticsRecorder* axis) {
  if (in_memory_ != nullptr) {
    return transact_in_memory(unit, axis, pdu::read_request(address, out.size()), out);
  }
  return transact(unit, axis, [&](modbus_t* context) {
    return modbus_read_registers(context, address, static_cast<int>(out.size()), out.data());
  });
}

ModbusLink::Outcome ModbusLink::write(int unit, std::uint16_t address,
                                      std::span<const std::uint16_t> words,
                                      StatisticsRecorder* axis) {
  if (in_memory_ != nullptr) {
    return transact_in_memory(unit, axis, pdu::write_request(address, words), {});
  }
  return transact(unit, axis, [&](modbus_t* context) {
    return modbus_write_registers(context, address, static_cast<int>(words.size()), words.data());
  });
}

ModbusLink::Outcome ModbusLink::write_single(int unit, std::uint16_t address, std::uint16_t value,
                                             StatisticsRecorder* axis) {
  if (in_memory_ != nullptr) {
    return transact_in_memory(unit, axis, pdu::write_single_request(address, value), {});
  }
  return transact(unit, axis, [&](modbus_t* context) {
    return modbus_write_register(context, address, value);
  });
}

ModbusLink::Outcome ModbusLink::write_read(int unit, std::uint16_t write_address,
                                           std::span<const std::uint16_t> words,
                                           std::uint16_t read_address, std::span<std::uint16_t> out,
                                           StatisticsRecorder* axis) {
  if (in_memory_ != nullptr) {
    return transact_in_memory(
        unit, axis, pdu::write_read_request(write_address, words, read_address, out.size()), out);
  }
  return transact(unit, axis, [&](modbus_t* context) {
    return modbus_write_and_read_registers(context, write_address, static_cast<int>(words.size()),
                                           words.data(), read_address, static_cast<int>(out.size()),
                                           out.data());
  });
}

ModbusLink::Outcome ModbusLink::broadcast(std::uint16_t address,
                                          std::span<const std::uint16_t> words) {
  if (!is_rtu()) {
    return result::unexpected(LinkFault{DriveErrorKind::disconnected, std::nullopt,
                                        "broadcast exists on RTU only, not on " + describe()});
  }
  if (!context_) return not_open();
  // The normal write calls would wait for a reply that no drive sends to unit 0, so the frame
  // is built by hand; libmodbus adds the CRC.
  std::vector<std::uint8_t> frame = {0x00};
  auto put_word = [&frame](std::uint16_t w) {
    frame.push_back(static_cast<std::uint8_t>(w >> 8U));
    frame.push_back(static_cast<std::uint8_t>(w & 0xFFU));
  };
  if (words.size() == 1) {
    frame.push_back(MODBUS_FC_WRITE_SINGLE_REGISTER);
    put_word(address);
    put_word(words[0]);
  } else {
    frame.push_back(MODBUS_FC_WRITE_MULTIPLE_REGISTERS);
    put_word(address);
    put_word(static_cast<std::uint16_t>(words.size()));
    frame.push_back(static_cast<std::uint8_t>(words.size() * 2));
    for (const auto w : words) put_word(w);
  }
  const auto start = steady_clock::now();
  errno = 0;
  const int sent =
      modbus_send_raw_request(context_.get(), frame.data(), static_cast<int>(frame.size()));
  const int error_number = errno;
  if (sent < 0) {
    auto fault = link_fault_from_errno(error_number);
    statistics_.record(duration_cast<nanoseconds>(steady_clock::now() - start), fault.kind);
    if (breaks_link(fault)) close();
    return result::unexpected(std::move(fault));
  }
  // No reply marks the end of a broadcast: the next request may only start once the frame has
  // left the UART and the line has been silent for 3.5 characters (1.75 ms above 19200 baud).
  const auto char_time = character_time();
  const auto silence = std::max<nanoseconds>(char_time * 7 / 2, std::chrono::microseconds{1750});
  std::this_thread::sleep_until(start + char_time * sent + silence);
  statistics_.record(duration_cast<nanoseconds>(steady_clock::now() - start), std::nullopt);
  return {};
}

void ModbusLink::reject_stale_reply(StatisticsRecorder* axis) {
  statistics_.reclassify_as_bad_frame();
  if (axis != nullptr) axis->reclassify_as_bad_frame();
  discard_late_replies();
}

std::chrono::nanoseconds ModbusLink::character_time() const {
  const auto* rtu = std::get_if<RtuLine>(&link_);
  if (rtu == nullptr || rtu->baud <= 0) return nanoseconds{0};
  const int bits = 1 + rtu->data_bits + (rtu->parity == Parity::none ? 0 : 1) + rtu->stop_bits;
  return nanoseconds{std::int64_t{1'000'000'000} * bits / rtu->baud};
}

void ModbusLink::discard_late_replies() {
  if (!context_) return;
  const int fd = modbus_get_socket(context_.get());
  if (fd < 0) return;
  // Wait until the line has been quiet for one response timeout, throwing away whatever
  // arrives (libmodbus's own protocol recovery waits as long, then flushes once, which misses a
  // reply that comes later still). Bounded: a reply later than this that slips through is
  // caught as a bad frame (a TCP transaction id, or the heartbeat echo) and drained in turn.
  const auto quiet = response_timeout_;
  const auto give_up = steady_clock::now() + response_timeout_ * 3;
  while (steady_clock::now() < give_up) {
    pollfd waiting{fd, POLLIN, 0};
    const int ready = ::poll(&waiting, 1, static_cast<int>(quiet.count()));
    if (ready <= 0 || (waiting.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0) return;
    const int flushed = modbus_flush(context_.get());
    // A TCP flush that finds nothing on a readable socket means the peer closed it; the next
    // transaction will find out.
    if (flushed < 0 || (flushed == 0 && !is_rtu())) return;
  }
}

}  // namespace hal
