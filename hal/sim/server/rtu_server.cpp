#include "sim/server/rtu_server.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <system_error>

#include <spdlog/spdlog.h>

#include "sim/server/precise_wait.hpp"
#include "sim/server/rtu_frame.hpp"

namespace sim {
namespace {

// Coarse waits end this far before a deadline; wait_until_precisely does the rest.
constexpr std::chrono::milliseconds kCoarseWaitMargin{1};

int poll_timeout_ms(std::chrono::steady_clock::duration remaining) {
  if (remaining <= std::chrono::steady_clock::duration::zero()) return 0;
  return static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(remaining).count());
}

}  // namespace

ModbusRtuServer::ModbusRtuServer(RegisterServer& drives, LinkFaultInjector& faults,
                                 RtuServerOptions options)
    : responder_(drives),
      drives_(&drives),
      faults_(&faults),
      options_(std::move(options)),
      link_(options_.device, pty_.slave_path()),
      wake_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
  if (!wake_.valid()) {
    throw std::system_error(errno, std::generic_category(),
                            "cannot create the RTU server's stop signal (eventfd)");
  }
  thread_ = std::thread([this] { serve(); });
}

ModbusRtuServer::~ModbusRtuServer() {
  stopping_ = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(wake_.get(), &one, sizeof one);
  thread_.join();
}

void ModbusRtuServer::serve() {
  std::array<std::uint8_t, kMaxRtuFrameSize> chunk{};
  while (!stopping_) {
    int timeout = -1;
    if (!received_.empty()) {
      timeout = poll_timeout_ms(last_byte_at_ + options_.frame_silence - Clock::now());
    }
    std::array<pollfd, 2> fds{pollfd{pty_.master(), POLLIN, 0}, pollfd{wake_.get(), POLLIN, 0}};
    const int ready = ::poll(fds.data(), fds.size(), timeout);
    if (ready < 0) {
      if (errno == EINTR) continue;
      spdlog::error("modbus rtu: poll on {} failed: {}", pty_.slave_path().string(),
                    std::generic_category().message(errno));
      return;
    }
    if ((fds[1].revents & POLLIN) != 0) return;
    if ((fds[0].revents & POLLIN) != 0) {
      const auto got = ::read(pty_.master(), chunk.data(), chunk.size());
      if (got > 0) {
        last_byte_at_ = Clock::now();
        received_.insert(received_.end(), chunk.begin(), chunk.begin() + got);
        take_complete_frames();
      }
      continue;
    }
    if (ready == 0 && !received_.empty()) end_of_silence();
  }
}

void ModbusRtuServer::take_complete_frames() {
  while (!stopping_) {
    const auto length = rtu_request_length(received_);
    if (!length || received_.size() < *length) break;
    const std::vector<std::uint8_t> frame(received_.begin(), received_.begin() + *length);
    received_.erase(received_.begin(), received_.begin() + *length);
    handle_frame(frame);
  }
  if (received_.size() > kMaxRtuFrameSize) {
    spdlog::warn("modbus rtu: {} bytes without a frame boundary on {}; discarded", received_.size(),
                 options_.device.string());
    received_.clear();
  }
}

void ModbusRtuServer::end_of_silence() {
  const bool ends_by_silence = received_.size() >= 2 && !rtu_request_has_known_length(received_[1]);
  if (ends_by_silence) {
    handle_frame(received_);
  } else {
    spdlog::debug("modbus rtu: unfinished frame of {} bytes discarded after silence",
                  received_.size());
  }
  received_.clear();
}

void ModbusRtuServer::handle_frame(std::span<const std::uint8_t> frame) {
  const Clock::time_point request_end = last_byte_at_;
  if (!rtu_crc_matches(frame)) {
    // A real slave cannot trust anything in a damaged frame, so it says nothing.
    spdlog::debug("modbus rtu: frame of {} bytes with a bad CRC ignored", frame.size());
    return;
  }
  const std::uint8_t unit = frame[0];
  const auto pdu = frame.subspan(1, frame.size() - 3);
  if (unit == 0) {
    // Only a cut of the whole bus keeps a broadcast from the drives; it reaches them all at once.
    if (faults_->faults_for(0).silent) return;
    if (!responder_.apply_broadcast(pdu)) {
      spdlog::debug("modbus rtu: broadcast with function {} ignored", pdu[0]);
    }
    return;
  }
  if (!drives_->has_unit(unit)) return;  // another slave's frame

  const AnswerFate fate = faults_->next_answer(unit);
  if (!fate.reaches_drive) return;  // the link is cut
  const Pdu answer = responder_.answer(unit, pdu);
  if (answer.empty()) return;
  if (!fate.send) {
    spdlog::debug("modbus rtu: answer to unit {} function {} dropped (link fault)", unit, pdu[0]);
    return;
  }
  const auto reply = rtu_frame(unit, answer, fate.corrupt);
  const auto due =
      request_end + options_.line.exchange_time(frame.size(), reply.size()) + fate.delay;
  if (!wait_for(due)) return;
  send(reply);
}

bool ModbusRtuServer::wait_for(Clock::time_point deadline) {
  // Long link-fault delays are waited out on the stop signal, so shutting down stays prompt.
  while (deadline - Clock::now() > kCoarseWaitMargin) {
    pollfd wake{wake_.get(), POLLIN, 0};
    const int ready =
        ::poll(&wake, 1, poll_timeout_ms(deadline - kCoarseWaitMargin - Clock::now()));
    if (ready > 0) return false;
    if (ready == 0) break;
  }
  wait_until_precisely(deadline);
  return !stopping_;
}

void ModbusRtuServer::send(const std::vector<std::uint8_t>& frame) {
  std::size_t sent = 0;
  while (sent < frame.size()) {
    const auto n = ::write(pty_.master(), frame.data() + sent, frame.size() - sent);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // The pseudo-terminal's buffer is full: nobody reads the line. A wire would lose it too.
      spdlog::debug("modbus rtu: answer not delivered on {}: {}", options_.device.string(),
                    n < 0 ? std::generic_category().message(errno) : "nothing written");
      return;
    }
    sent += static_cast<std::size_t>(n);
  }
}

}  // namespace sim
